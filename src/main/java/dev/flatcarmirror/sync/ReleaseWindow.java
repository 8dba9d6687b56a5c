package dev.flatcarmirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code mirror.signing.release-window}: a release's files are signed by the build that made it, minutes apart, so
 * an artifact whose signature is far older (or newer) than its release's version.txt signature was made for another
 * release: a genuinely signed old image copied into a new version's directory. {@link Duration#ZERO} turns it off.
 */
record ReleaseWindow(Duration width) {

    /** What is wrong with {@code fileSignedAt} for a release whose version.txt was signed at {@code releaseSignedAt}, if anything. */
    Optional<String> violation(String file, Instant fileSignedAt, Instant releaseSignedAt) {
        if (width.isZero()) {
            return Optional.empty();
        }
        Duration apart = Duration.between(releaseSignedAt, fileSignedAt).abs();
        if (apart.compareTo(width) <= 0) {
            return Optional.empty();
        }
        return Optional.of(file + " was signed " + fileSignedAt + ", " + describe(apart) + (fileSignedAt.isBefore(releaseSignedAt) ? " before" : " after")
                + " its release's version.txt (" + releaseSignedAt + "): more than mirror.signing.release-window (" + describe(width)
                + ") apart, so it belongs to another release");
    }

    private static String describe(Duration duration) {
        return duration.toDays() >= 1 ? duration.toDays() + "d" : duration.toHours() >= 1 ? duration.toHours() + "h" : duration.toSeconds() + "s";
    }
}
