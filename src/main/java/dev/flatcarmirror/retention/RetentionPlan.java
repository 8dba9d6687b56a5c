package dev.flatcarmirror.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flatcarmirror.catalog.ReleaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a pass of retention does, board by board: releases it prunes (withdraws) and why, pruned releases whose
 * files and rows it deletes now, pruned releases it leaves until their delete time, and what it keeps and why.
 */
public record RetentionPlan(Instant at, Duration deleteDelay, List<Board> boards) {

    /** @param skipped why nothing was done to this board (it was being synced), in a pass's report only */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Board(String channel, String board, int keep, Duration keepFor, List<Prune> prune, List<Deletion> delete,
                        List<Deletion> pending, List<Kept> kept, String skipped) {

        Board skippedBecause(String why) {
            return new Board(channel, board, keep, keepFor, List.of(), List.of(), List.of(), List.of(), why);
        }
    }

    /** A release to withdraw now; its files are deleted at {@code deleteAfter}. */
    public record Prune(String version, ReleaseState state, String reason, String detail, int files, long bytes,
                        Instant deleteAfter) {
    }

    /** A pruned release whose files and rows are deleted at {@code deleteAfter}. */
    public record Deletion(String version, Instant prunedAt, Instant deleteAfter, int files, long bytes) {
    }

    public record Kept(String version, String reason) {
    }

    public int releasesToPrune() {
        return boards.stream().mapToInt(board -> board.prune().size()).sum();
    }
}
