package dev.flatcarmirror.channel;

import dev.flatcarmirror.catalog.BoardStatus;

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

    /** {@code channel/board}, unique over the mirror. */
    public String key() {
        return channel.name() + "/" + status.board();
    }
}
