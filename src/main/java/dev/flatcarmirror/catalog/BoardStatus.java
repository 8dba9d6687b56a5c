package dev.flatcarmirror.catalog;

import java.time.Instant;

/** How one board of a channel stands: what it serves and how its polls went. */
public record BoardStatus(String board, String currentVersion, Instant publishedAt, Instant lastCheckedAt,
                          Instant lastSuccessfulSync, SyncError lastError) {

    /** A board nothing is known of yet. */
    public static BoardStatus pending(String board) {
        return new BoardStatus(board, null, null, null, null, null);
    }
}
