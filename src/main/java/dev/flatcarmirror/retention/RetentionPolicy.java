package dev.flatcarmirror.retention;

import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseVersion;
import dev.flatcarmirror.catalog.RetainedRelease;
import dev.flatcarmirror.channel.ChannelProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides, for one board at one moment, what retention keeps and what it removes; no side effects. */
final class RetentionPolicy {

    private final Duration deleteDelay;
    private final Duration abandonedAfter;

    RetentionPolicy(Duration deleteDelay, Duration abandonedAfter) {
        this.deleteDelay = deleteDelay;
        this.abandonedAfter = abandonedAfter;
    }

    /** @param inUse versions an internal channel serves, has pinned or is soaking: kept like the current one */
    RetentionPlan.Board plan(ChannelProperties channel, String board, List<RetainedRelease> releases, Set<String> inUse, Instant now) {
        ChannelProperties.Retention retention = channel.retention();
        Optional<Duration> keepFor = retention.keepForAtLeast();
        List<RetentionPlan.Prune> prune = new ArrayList<>();
        List<RetentionPlan.Deletion> delete = new ArrayList<>();
        List<RetentionPlan.Deletion> pending = new ArrayList<>();
        List<RetentionPlan.Kept> kept = new ArrayList<>();
        int published = 0;
        for (RetainedRelease release : newestFirst(releases)) {
            if (release.state() == ReleaseState.PRUNED) {
                Instant deleteAfter = release.prunedAt().plus(deleteDelay);
                RetentionPlan.Deletion deletion = new RetentionPlan.Deletion(release.version(), release.prunedAt(), deleteAfter,
                        release.objects().size(), release.bytes());
                (deleteAfter.isAfter(now) ? pending : delete).add(deletion);
            } else if (release.current()) {
                kept.add(new RetentionPlan.Kept(release.version(), KeepReason.CURRENT.code()));
                published++;
            } else if (release.state() == ReleaseState.PUBLISHED && inUse.contains(release.version())) {
                kept.add(new RetentionPlan.Kept(release.version(), KeepReason.IN_USE.code()));
                published++;
            } else if (release.state() == ReleaseState.PUBLISHED) {
                published++;
                if (published <= retention.keep()) {
                    kept.add(new RetentionPlan.Kept(release.version(), KeepReason.WITHIN_KEEP.code()));
                } else if (keepFor.isPresent() && release.publishedAt().isAfter(now.minus(keepFor.get()))) {
                    kept.add(new RetentionPlan.Kept(release.version(), KeepReason.WITHIN_KEEP_FOR.code()));
                } else {
                    prune.add(prune(release, RetentionReason.BEYOND_KEEP, "published " + release.publishedAt() + "; newer than it are "
                            + (published - 1) + " published releases and keep is " + retention.keep()
                            + keepFor.map(age -> "; older than keep-for " + age).orElse("; no keep-for set"), now));
                }
            } else if (release.lastAttemptAt().isBefore(now.minus(abandonedAfter))) {
                prune.add(prune(release, RetentionReason.ABANDONED, release.state() + ", never published; last attempt "
                        + release.lastAttemptAt() + ", more than " + abandonedAfter + " ago", now));
            } else {
                kept.add(new RetentionPlan.Kept(release.version(), KeepReason.RECENT_ATTEMPT.code()));
            }
        }
        // Pruned now with no delay: deleted in the same pass.
        for (RetentionPlan.Prune pruned : prune) {
            if (!pruned.deleteAfter().isAfter(now)) {
                delete.add(new RetentionPlan.Deletion(pruned.version(), now, pruned.deleteAfter(), pruned.files(), pruned.bytes()));
            }
        }
        return new RetentionPlan.Board(channel.name(), board, retention.keep(), keepFor.orElse(null), prune, delete, pending, kept, null);
    }

    private RetentionPlan.Prune prune(RetainedRelease release, RetentionReason reason, String detail, Instant now) {
        return new RetentionPlan.Prune(release.version(), release.state(), reason.code(), detail, release.objects().size(),
                release.bytes(), now.plus(deleteDelay));
    }

    private static List<RetainedRelease> newestFirst(List<RetainedRelease> releases) {
        return releases.stream()
                .sorted(Comparator.comparing((RetainedRelease release) -> new ReleaseVersion(release.version())).reversed())
                .toList();
    }
}
