package dev.flatcarmirror.catalog;

import java.time.Instant;

/** How one board of a channel stands: what it serves and how its polls went. */
public record BoardStatus(String board, String currentVersion, Instant publishedAt, Instant lastCheckedAt,
                          Instant lastSuccessfulSync, SyncError lastError) {

    /** A board nothing is known of yet. */
    public static BoardStatus pending(String board) {
        return new BoardStatus(board, null, null, null, null, null);
    }

    /** The same polls, serving another release (or none): what an internal channel shows of the board it follows. */
    public BoardStatus serving(String version, Instant published) {
        return new BoardStatus(board, version, published, lastCheckedAt, lastSuccessfulSync, lastError);
    }
}
