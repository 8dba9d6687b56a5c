package dev.flatcarmirror.channel;

import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StreamQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The streams of the configured boards besides {@code current/} (LTS's {@code current-YYYY}), as the catalog knows
 * them: the ones followed now and the ones no longer supported, whose last release is still served.
 */
@Component
public class ChannelStreams {

    private final Channels channels;
    private final StreamQueries streams;
    private final Clock clock;

    ChannelStreams(Channels channels, StreamQueries streams, Clock clock) {
        this.channels = channels;
        this.streams = streams;
        this.clock = clock;
    }

    /** Every such stream of every configured board, in configuration order, then by name. */
    public List<StreamView> all() {
        return channels.all().stream().flatMap(channel -> of(channel).stream()).toList();
    }

    /** The channel's streams besides current/, board by board. */
    public List<StreamView> of(ChannelProperties channel) {
        Instant now = clock.instant();
        return channel.boards().stream()
                .flatMap(board -> streams.statuses(channel.name(), board).stream())
                .map(status -> new StreamView(channel, status, status.supported() ? Freshness.of(channel, status.board(), now) : null))
                .toList();
    }

    /**
     * The stream's current release; a 404 problem for an unknown channel, board or stream, or while nothing is
     * published in it. {@code current} is the board's own, as ever.
     */
    public ReleaseView current(String channel, String board, String stream) {
        ChannelProperties config = channels.channelWithBoard(channel, board);
        if (streams.status(channel, board, stream).isEmpty()) {
            throw NotFoundException.unknownStream(config, board, stream, streams.statuses(channel, board).stream()
                    .map(dev.flatcarmirror.catalog.StreamStatus::stream).toList());
        }
        return streams.current(channel, board, stream)
                .orElseThrow(() -> NotFoundException.nothingPublishedInStream(channel, board, stream));
    }
}
