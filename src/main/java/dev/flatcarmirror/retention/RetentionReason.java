package dev.flatcarmirror.retention;

import dev.flatcarmirror.OutcomeCode;

/** Why retention prunes a release; the {@code reason} of its {@code pruned} history entry and of the dry run. */
public enum RetentionReason implements OutcomeCode {
    /** A published release older than the board's {@code keep} newest, and not younger than {@code keep-for}. */
    BEYOND_KEEP("beyond_keep"),
    /** A failed or never-published release whose last attempt is older than {@code abandoned-after}. */
    ABANDONED("abandoned");

    private final String code;

    RetentionReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
