package dev.flatcarmirror.release;

import dev.flatcarmirror.catalog.ReleaseVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One board of an internal channel: the version the policy (or a rollback) made current, and the hold and pin an
 * operator put on it. Served is the pin if there is one, else the current version. Every change is an intent
 * method that refuses what makes no sense ({@link ReleaseControlException}, a 409).
 */
@Entity
@Table(name = "internal_board")
class InternalBoard {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String channel;
    private String board;
    private String currentVersion;
    private Instant lastAdvancedAt;
    private Instant heldAt;
    private String heldBy;
    private String heldReason;
    private String pinnedVersion;
    private Instant pinnedAt;
    private String pinnedBy;
    private String pinnedReason;
    /** An admin operation and the policy's advance may meet on the same row; the later one fails rather than overwrite. */
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected InternalBoard() {
    }

    InternalBoard(String channel, String board) {
        this.channel = channel;
        this.board = board;
    }

    /** The policy's move: forward only, and never while held or pinned. */
    void advanceTo(String version, Instant at) {
        if (isHeld() || isPinned()) {
            throw new IllegalStateException(this + " is held or pinned and does not advance");
        }
        if (currentVersion != null && !new ReleaseVersion(version).isNewerThan(new ReleaseVersion(currentVersion))) {
            throw new IllegalStateException(this + " never moves back from " + currentVersion + " to " + version + " on its own");
        }
        currentVersion = version;
        lastAdvancedAt = at;
    }

    void hold(String by, String reason, Instant at) {
        if (isHeld()) {
            throw ReleaseControlException.conflict(channel + "/" + board + " is already held since " + heldAt + " by " + heldBy);
        }
        heldAt = at;
        heldBy = by;
        heldReason = reason;
    }

    void unhold() {
        if (!isHeld()) {
            throw ReleaseControlException.conflict(channel + "/" + board + " is not held");
        }
        heldAt = null;
        heldBy = null;
        heldReason = null;
    }

    void pin(String version, String by, String reason, Instant at) {
        if (version.equals(pinnedVersion)) {
            throw ReleaseControlException.conflict(channel + "/" + board + " is already pinned to " + version);
        }
        pinnedVersion = version;
        pinnedAt = at;
        pinnedBy = by;
        pinnedReason = reason;
    }

    void unpin() {
        if (!isPinned()) {
            throw ReleaseControlException.conflict(channel + "/" + board + " is not pinned");
        }
        pinnedVersion = null;
        pinnedAt = null;
        pinnedBy = null;
        pinnedReason = null;
    }

    /**
     * Back to an older release on purpose. The channel is held there, or the policy would move it forward again at
     * once; a pin would hide the rollback, so it is refused while pinned.
     */
    void rollBackTo(String version, String by, String reason, Instant at) {
        if (isPinned()) {
            throw ReleaseControlException.conflict(channel + "/" + board + " is pinned to " + pinnedVersion
                    + "; unpin it first (or pin the version you want)");
        }
        if (currentVersion == null || !new ReleaseVersion(currentVersion).isNewerThan(new ReleaseVersion(version))) {
            throw ReleaseControlException.conflict("rollback goes to an older release: " + version + " is not older than "
                    + channel + "/" + board + "'s current " + (currentVersion == null ? "(none)" : currentVersion));
        }
        currentVersion = version;
        if (!isHeld()) {
            hold(by, "rolled back: " + reason, at);
        }
    }

    /** What the board serves now: the pin, else the current version; null while nothing has become current. */
    String served() {
        return pinnedVersion != null ? pinnedVersion : currentVersion;
    }

    boolean isHeld() {
        return heldAt != null;
    }

    boolean isPinned() {
        return pinnedVersion != null;
    }

    String channel() {
        return channel;
    }

    String board() {
        return board;
    }

    BoardControl view() {
        return new BoardControl(channel, board, currentVersion, lastAdvancedAt,
                isHeld() ? new BoardControl.Mark(null, heldAt, heldBy, heldReason) : null,
                isPinned() ? new BoardControl.Mark(pinnedVersion, pinnedAt, pinnedBy, pinnedReason) : null);
    }

    @Override
    public String toString() {
        return "internal channel " + channel + " board " + board;
    }
}
