package dev.flatcarmirror.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.RetainedRelease;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.ChannelProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision alone, on releases made up for it: what is kept, what is pruned, and when files go. */
class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final RetentionPolicy policy = new RetentionPolicy(Duration.ofHours(1), Duration.ofDays(7));

    @Test
    void theCurrentAndTheKeepNewestPublishedShouldStayAndOlderOnesGo() {
        List<RetainedRelease> releases = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            releases.add(published("100." + i + ".0", i == 8, NOW.minus(Duration.ofDays(60 - i))));
        }

        RetentionPlan.Board plan = policy.plan(channel(5, null), "amd64-usr", releases, Set.of(), NOW);

        assertThat(plan.prune()).extracting(RetentionPlan.Prune::version).containsExactly("100.3.0", "100.2.0", "100.1.0");
        assertThat(plan.prune()).allSatisfy(prune -> assertThat(prune.deleteAfter()).isEqualTo(NOW.plus(Duration.ofHours(1))));
        assertThat(plan.delete()).as("an hour's delete delay").isEmpty();
        assertThat(plan.kept()).extracting(RetentionPlan.Kept::version, RetentionPlan.Kept::reason).startsWith(
                org.assertj.core.groups.Tuple.tuple("100.8.0", "current"), org.assertj.core.groups.Tuple.tuple("100.7.0", "within_keep"));
        assertThat(plan.kept()).hasSize(5);
    }

    @Test
    void aReleaseInUseByAnInternalChannelShouldBeKeptBeyondKeep() {
        List<RetainedRelease> releases = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            releases.add(published("100." + i + ".0", i == 4, NOW.minus(Duration.ofDays(60 - i))));
        }

        RetentionPlan.Board plan = policy.plan(channel(2, null), "amd64-usr", releases, Set.of("100.1.0"), NOW);

        assertThat(plan.kept()).extracting(RetentionPlan.Kept::version, RetentionPlan.Kept::reason).contains(
                org.assertj.core.groups.Tuple.tuple("100.1.0", "in_use"));
        assertThat(plan.prune()).extracting(RetentionPlan.Prune::version).containsExactly("100.2.0");
    }

    @Test
    void keepForShouldKeepYoungReleasesBeyondKeepButNeverTheCurrentOnePrune() {
        List<RetainedRelease> releases = List.of(
                published("100.3.0", true, NOW.minus(Duration.ofDays(1))),
                published("100.2.0", false, NOW.minus(Duration.ofDays(2))),
                published("100.1.0", false, NOW.minus(Duration.ofDays(40))));

        RetentionPlan.Board plan = policy.plan(channel(1, Duration.ofDays(30)), "amd64-usr", releases, Set.of(), NOW);

        assertThat(plan.kept()).extracting(RetentionPlan.Kept::version, RetentionPlan.Kept::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("100.3.0", "current"), org.assertj.core.groups.Tuple.tuple("100.2.0", "within_keep_for"));
        assertThat(plan.prune()).extracting(RetentionPlan.Prune::version).containsExactly("100.1.0");
        assertThat(plan.prune().get(0).detail()).contains("keep-for PT720H");
    }

    @Test
    void failedAndUnpublishedReleasesShouldGoOnlyAWeekAfterTheirLastAttempt() {
        List<RetainedRelease> releases = List.of(
                published("100.1.0", true, NOW.minus(Duration.ofDays(20))),
                unpublished("100.4.0", ReleaseState.FAILED, NOW.minus(Duration.ofDays(1))),
                unpublished("100.3.0", ReleaseState.FAILED, NOW.minus(Duration.ofDays(8))),
                unpublished("100.2.0", ReleaseState.DOWNLOADING, NOW.minus(Duration.ofDays(9))));

        RetentionPlan.Board plan = policy.plan(channel(5, null), "amd64-usr", releases, Set.of(), NOW);

        assertThat(plan.prune()).extracting(RetentionPlan.Prune::version, RetentionPlan.Prune::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("100.3.0", "abandoned"), org.assertj.core.groups.Tuple.tuple("100.2.0", "abandoned"));
        assertThat(plan.prune()).allSatisfy(prune -> assertThat(prune.files()).isEqualTo(2));
        assertThat(plan.kept()).extracting(RetentionPlan.Kept::version, RetentionPlan.Kept::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("100.4.0", "recent_attempt"));
    }

    @Test
    void prunedReleasesShouldBeDeletedOnceTheirDelayHasPassed() {
        List<RetainedRelease> releases = List.of(
                published("100.3.0", true, NOW.minus(Duration.ofDays(1))),
                pruned("100.2.0", NOW.minus(Duration.ofMinutes(30))),
                pruned("100.1.0", NOW.minus(Duration.ofMinutes(90))));

        RetentionPlan.Board plan = policy.plan(channel(5, null), "amd64-usr", releases, Set.of(), NOW);

        assertThat(plan.delete()).extracting(RetentionPlan.Deletion::version).containsExactly("100.1.0");
        assertThat(plan.pending()).extracting(RetentionPlan.Deletion::version).containsExactly("100.2.0");
        assertThat(plan.pending().get(0).deleteAfter()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(new RetentionPolicy(Duration.ZERO, Duration.ofDays(7))
                .plan(channel(1, null), "amd64-usr", List.of(published("100.3.0", true, NOW), published("100.2.0", false, NOW)), Set.of(), NOW)
                .delete()).as("no delay: pruned and deleted in one pass").extracting(RetentionPlan.Deletion::version).containsExactly("100.2.0");
    }

    private static ChannelProperties channel(int keep, Duration keepFor) {
        return new ChannelProperties("stable", "https://stable.example", null, null, false, null, new ChannelProperties.Retention(keep, keepFor));
    }

    private static RetainedRelease published(String version, boolean current, Instant at) {
        return new RetainedRelease("stable", "amd64-usr", version, ReleaseState.PUBLISHED, current, at, at, null, files(version));
    }

    private static RetainedRelease unpublished(String version, ReleaseState state, Instant lastAttempt) {
        return new RetainedRelease("stable", "amd64-usr", version, state, false, null, lastAttempt, null, files(version));
    }

    private static RetainedRelease pruned(String version, Instant at) {
        return new RetainedRelease("stable", "amd64-usr", version, ReleaseState.PRUNED, false, at.minus(Duration.ofDays(30)), at, at, files(version));
    }

    private static List<StoredFile> files(String version) {
        String key = "stable/amd64-usr/" + version + "/version.txt";
        return List.of(new StoredFile(key, 100, "a", NOW), new StoredFile(key + ".sig", 20, "b", NOW));
    }
}
