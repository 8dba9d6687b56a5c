package dev.flatcarmirror.integrity;

import dev.flatcarmirror.OutcomeCode;

/** Why the at-rest check took a stored file out of service, or keeps it out. */
public enum QuarantineReason implements OutcomeCode {
    /** The stored bytes no longer have the size or SHA-256 that was verified. */
    CHANGED_ON_DISK("changed_on_disk"),
    /** The object store no longer holds the file, or cannot read it. */
    MISSING_ON_DISK("missing_on_disk"),
    /**
     * Fetched again to repair it, upstream sent other bytes than were first verified (however validly signed): a
     * release's files never change, so it stays out of service.
     */
    REPAIR_MISMATCH("repair_mismatch");

    private final String code;

    QuarantineReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
