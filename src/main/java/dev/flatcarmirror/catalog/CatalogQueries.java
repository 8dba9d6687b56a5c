package dev.flatcarmirror.catalog;

import dev.flatcarmirror.catalog.CatalogCache.Key;
import dev.flatcarmirror.catalog.CatalogCache.Kind;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The catalog's read side, for the HTTP interface: views only, never entities. Answers come from memory
 * ({@link CatalogCache}) until the catalog changes ({@link CatalogChanges}), so a steady stream of requests does no
 * database work; no method here opens a transaction unless it has to load.
 */
@Service
public class CatalogQueries {

    private final CatalogReads reads;
    private final CatalogCache cache;

    CatalogQueries(CatalogReads reads, CatalogCache cache) {
        this.reads = reads;
        this.cache = cache;
    }

    /** The channel's sync history, newest first; not cached: it is paged, and grows with every poll. */
    public List<SyncEventView> history(String channel, int limit) {
        return reads.history(channel, limit);
    }

    public List<BoardStatus> boardStatuses(String channel) {
        return cache.get(new Key(Kind.BOARD_STATUSES, channel, null), () -> reads.boardStatuses(channel));
    }

    public Optional<ReleaseView> current(String channel, String board) {
        return cache.get(new Key(Kind.CURRENT, channel, board), () -> reads.current(channel, board));
    }

    /** Newest first. */
    public List<ReleaseView> releases(String channel, String board) {
        return cache.get(new Key(Kind.RELEASES, channel, board), () -> reads.releases(channel, board));
    }

    public Optional<ReleaseView> release(String channel, String board, String version) {
        return releases(channel, board).stream().filter(release -> release.version().equals(version)).findFirst();
    }

    /**
     * A verified file of a published release, or its {@code .sig}, as the file server needs it.
     * Files of releases that are still being mirrored or that failed are never served.
     */
    public Optional<StoredFile> publishedFile(String channel, String board, String version, String fileName) {
        PublishedFiles files = cache.get(new Key(Kind.PUBLISHED_FILES, channel, board), () -> reads.publishedFiles(channel, board));
        return files.find(version, fileName);
    }
}
