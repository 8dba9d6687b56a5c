package dev.flatcarmirror.channel;

import dev.flatcarmirror.catalog.BoardStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a board of a channel can be trusted to be up to date. A mirror that silently stops
 * moving is as dangerous as one that serves bad files: a frozen upstream, or polls failing for
 * longer than the channel's {@code max-age}, make it {@link State#STALE} while serving continues.
 */
public record Freshness(State state, String reason) {

    public enum State {
        /** Nothing mirrored yet and no error so far. */
        PENDING,
        FRESH,
        /** The last poll failed, but not for longer than max-age. */
        FAILING,
        STALE
    }

    public static Freshness of(ChannelProperties channel, BoardStatus status, Instant now) {
        Duration maxAge = channel.maxAge();
        if (status.publishedAt() != null && status.publishedAt().plus(maxAge).isBefore(now)) {
            return new Freshness(State.STALE, "current release " + status.currentVersion() + " was published more than "
                    + maxAge + " ago and upstream has not moved since");
        }
        Instant lastGood = status.lastSuccessfulSync() != null ? status.lastSuccessfulSync() : status.publishedAt();
        if (status.lastError() != null && lastGood != null && lastGood.plus(maxAge).isBefore(now)) {
            return new Freshness(State.STALE, "polls have failed for more than " + maxAge + ": " + status.lastError().reason());
        }
        if (status.lastError() != null) {
            return new Freshness(State.FAILING, status.lastError().reason() + ": " + status.lastError().detail());
        }
        if (status.currentVersion() == null) {
            return new Freshness(State.PENDING, "nothing published yet");
        }
        return new Freshness(State.FRESH, "current " + status.currentVersion());
    }
}
