package dev.flatcarmirror.channel;

import dev.flatcarmirror.catalog.BoardStatus;
import java.time.Instant;

/**
 * One configured board of a channel as it stands now: what the catalog knows of it and how fresh
 * that is. The API, the pages, health and the metrics all show this one view.
 */
public record BoardView(ChannelProperties channel, BoardStatus status, Freshness freshness) {

    public String channelName() {
        return channel.name();
    }

    public String board() {
        return status.board();
    }

    /**
     * This board as another channel serves it: an internal channel following it shows its polls and their freshness
     * (which the followed channel's settings judge), with the release the internal channel serves.
     */
    public BoardView servedAs(ChannelProperties servingChannel, String version, Instant published) {
        return new BoardView(servingChannel, status.serving(version, published), freshness);
    }

    /** {@code channel/board}, unique over the mirror. */
    public String key() {
        return channel.name() + "/" + status.board();
    }
}
