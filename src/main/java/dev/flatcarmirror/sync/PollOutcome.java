package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;

/** How a poll that did not fail ended; a failed poll is tagged with its reason instead. */
public enum PollOutcome implements OutcomeCode {
    /** A new release was verified, stored and published. */
    PUBLISHED("published"),
    /** The pointer names the current release. */
    UP_TO_DATE("up_to_date"),
    /** Upstream answered the conditional request with 304. */
    NOT_MODIFIED("not_modified");

    private final String code;

    PollOutcome(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
