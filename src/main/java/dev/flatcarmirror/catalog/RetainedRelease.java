package dev.flatcarmirror.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A release as retention weighs it: its state and age, whether it is the board's current one, and the
 * objects it has in the store (verified, quarantined or merely staged files of a release never published).
 */
public record RetainedRelease(String channel, String board, String version, ReleaseState state, boolean current,
                              Instant publishedAt, Instant lastAttemptAt, Instant prunedAt, List<StoredFile> objects) {

    public long bytes() {
        return objects.stream().mapToLong(StoredFile::size).sum();
    }
}
