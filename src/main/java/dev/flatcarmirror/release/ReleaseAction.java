package dev.flatcarmirror.release;

import dev.flatcarmirror.OutcomeCode;

/** What an audit entry records; the code is the entry's {@code action} and the README's list. */
public enum ReleaseAction implements OutcomeCode {
    /** The policy moved the channel to a newer release (actor {@code system}). */
    ADVANCED("advanced"),
    HELD("held"),
    UNHELD("unheld"),
    PINNED("pinned"),
    UNPINNED("unpinned"),
    /** A version may now become current on a channel with approval. */
    PROMOTED("promoted"),
    /** Moved on purpose to an older release; the channel is held there. */
    ROLLED_BACK("rolled_back");

    private final String code;

    ReleaseAction(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
