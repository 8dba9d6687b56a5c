package dev.flatcarmirror.catalog;

import java.time.Instant;

/**
 * How one stream of a board stands: whether it is still polled, and (in {@code board}) what it serves and how its polls
 * went, in the very shape of a board's {@code current/} so that freshness and health read both alike.
 *
 * @param unsupportedSince when lts-info (or the configuration) stopped listing it; null while supported
 */
public record StreamStatus(String stream, boolean supported, Instant unsupportedSince, BoardStatus board) {

    /** {@code current/} of a board, which is always polled. */
    public static StreamStatus current(BoardStatus board) {
        return new StreamStatus(BoardStreams.CURRENT, true, null, board);
    }
}
