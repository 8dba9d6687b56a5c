package dev.flatcarmirror.release;

import dev.flatcarmirror.OutcomeCode;

/** Why an internal channel's board serves what it serves, as the API's {@code policy.state} says. */
public enum PolicyState implements OutcomeCode {
    /** Serving the newest release the policy allows; nothing newer waits. */
    UP_TO_DATE("up_to_date"),
    /** A newer release of the followed channel waits for its soak time to pass. */
    SOAKING("soaking"),
    /** A newer release has soaked (or needs no soak) but the channel moves only to promoted ones. */
    AWAITING_APPROVAL("awaiting_approval"),
    /** Nothing has soaked (or been promoted) yet: the channel serves nothing. */
    WAITING("waiting"),
    HELD("held"),
    PINNED("pinned");

    private final String code;

    PolicyState(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
