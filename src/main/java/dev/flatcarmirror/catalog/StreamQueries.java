package dev.flatcarmirror.catalog;

import dev.flatcarmirror.catalog.CatalogCache.Key;
import dev.flatcarmirror.catalog.CatalogCache.Kind;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The read side of a board's streams besides {@code current/} ({@link BoardStreams}), for the HTTP interface: views
 * only, from memory until the catalog changes, like {@link CatalogQueries}.
 */
@Service
public class StreamQueries {

    private final StreamReads reads;
    private final CatalogCache cache;

    StreamQueries(StreamReads reads, CatalogCache cache) {
        this.reads = reads;
        this.cache = cache;
    }

    /** The board's streams other than {@code current/}, supported or not, in name order. */
    public List<StreamStatus> statuses(String channel, String board) {
        return cache.get(new Key(Kind.STREAM_STATUSES, channel, board), () -> reads.statuses(channel, board));
    }

    /** The stream's current release; empty when the stream is unknown or nothing is published in it yet. */
    public Optional<ReleaseView> current(String channel, String board, String stream) {
        return cache.get(new Key(Kind.STREAM_CURRENT, channel, board, stream), () -> reads.current(channel, board, stream));
    }

    public Optional<StreamStatus> status(String channel, String board, String stream) {
        return statuses(channel, board).stream().filter(status -> status.stream().equals(stream)).findFirst();
    }
}
