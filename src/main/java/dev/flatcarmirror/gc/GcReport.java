package dev.flatcarmirror.gc;

import java.time.Instant;
import java.util.List;

/**
 * What a sweep removed (or, as a plan, would remove): unreferenced objects older than the protection time and
 * staging leftovers; and the unreferenced objects it left because they are younger.
 */
public record GcReport(Instant at, boolean dryRun, int objectsChecked, List<Orphan> removed, long removedBytes,
                       List<Orphan> protectedOrphans, List<String> staging) {

    public record Orphan(String key, long size, Instant lastModified) {
    }
}
