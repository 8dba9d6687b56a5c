package dev.flatcarmirror.retention;

import dev.flatcarmirror.OutcomeCode;

/** Why the dry run keeps a release. */
public enum KeepReason implements OutcomeCode {
    /** The board's current release is never pruned. */
    CURRENT("current"),
    /** An internal channel serves it, has it pinned, or is soaking it ({@code mirror.internal-channels}). */
    IN_USE("in_use"),
    /** Among the board's {@code keep} newest published releases. */
    WITHIN_KEEP("within_keep"),
    /** Published less than {@code keep-for} ago. */
    WITHIN_KEEP_FOR("within_keep_for"),
    /** Not published, but attempted less than {@code abandoned-after} ago: the sync may still finish it. */
    RECENT_ATTEMPT("recent_attempt");

    private final String code;

    KeepReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
