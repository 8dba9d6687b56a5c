package dev.flatcarmirror.release;

import dev.flatcarmirror.catalog.ArtifactState;
import dev.flatcarmirror.catalog.ReleaseVersion;
import dev.flatcarmirror.catalog.ReleaseView;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one internal board at one moment, where the policy would move it and why it stands where it does;
 * no side effects. A release qualifies when it is published on the mirror, none of its files is quarantined,
 * it was published at least {@code soak} ago, and, with approval, it was promoted. The board moves only forward,
 * and not while held or pinned.
 */
final class SoakPolicy {

    private SoakPolicy() {
    }

    /**
     * @param target the release to move to now, or empty
     * @param state  why the board serves what it serves (after moving to {@code target})
     * @param candidate the newer release that waits (soaking, for approval), if any
     * @param until  when the candidate will have soaked
     */
    record Decision(Optional<String> target, PolicyState state, String candidate, Instant until) {
    }

    static Decision decide(InternalChannel channel, BoardControl control, List<ReleaseView> followed, Set<String> promoted, Instant now) {
        List<ReleaseView> usable = followed.stream().filter(SoakPolicy::servable)
                .sorted(Comparator.comparing((ReleaseView release) -> new ReleaseVersion(release.version())).reversed())
                .toList();
        String current = control.currentVersion();
        boolean frozen = control.held() != null || control.pinned() != null;
        Optional<String> target = frozen ? Optional.empty() : usable.stream()
                .filter(release -> newer(release.version(), current))
                .filter(release -> soaked(channel, release, now))
                .filter(release -> !channel.approval() || promoted.contains(release.version()))
                .map(ReleaseView::version)
                .findFirst();
        String after = target.orElse(current);
        Optional<ReleaseView> waiting = usable.stream().filter(release -> newer(release.version(), after)).findFirst();
        if (control.pinned() != null) {
            return new Decision(target, PolicyState.PINNED, waiting.map(ReleaseView::version).orElse(null), null);
        }
        if (control.held() != null) {
            return new Decision(target, PolicyState.HELD, waiting.map(ReleaseView::version).orElse(null), null);
        }
        if (waiting.isPresent()) {
            ReleaseView next = waiting.get();
            // The newest waiting release is what the sentence names; an older one may be promoted and soaking meanwhile.
            Optional<ReleaseView> soaking = usable.stream().filter(release -> newer(release.version(), after))
                    .filter(release -> !soaked(channel, release, now))
                    .filter(release -> !channel.approval() || promoted.contains(release.version()))
                    .findFirst();
            if (soaking.isPresent()) {
                return new Decision(target, PolicyState.SOAKING, soaking.get().version(),
                        soaking.get().publishedAt().plus(channel.soak()));
            }
            return new Decision(target, PolicyState.AWAITING_APPROVAL, next.version(), null);
        }
        return new Decision(target, after == null ? PolicyState.WAITING : PolicyState.UP_TO_DATE, null, null);
    }

    /**
     * When the next release newer than {@code current} will have soaked (promoted, with approval): the moment the
     * policy may move the board next; empty when no such release is soaking.
     */
    static Optional<Instant> nextSoakEnd(InternalChannel channel, String current, List<ReleaseView> followed, Set<String> promoted,
                                         Instant now) {
        return followed.stream().filter(SoakPolicy::servable)
                .filter(release -> newer(release.version(), current))
                .filter(release -> !channel.approval() || promoted.contains(release.version()))
                .map(release -> release.publishedAt().plus(channel.soak()))
                .filter(end -> end.isAfter(now))
                .min(Comparator.naturalOrder());
    }

    /** Published, with a publication time, and nothing of it quarantined. */
    static boolean servable(ReleaseView release) {
        return release.isPublished() && release.publishedAt() != null
                && release.artifacts().stream().noneMatch(artifact -> artifact.state() == ArtifactState.QUARANTINED);
    }

    private static boolean soaked(InternalChannel channel, ReleaseView release, Instant now) {
        return !release.publishedAt().plus(channel.soak()).isAfter(now);
    }

    private static boolean newer(String version, String than) {
        return than == null || new ReleaseVersion(version).isNewerThan(new ReleaseVersion(than));
    }
}
