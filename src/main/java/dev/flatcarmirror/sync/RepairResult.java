package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;

/** How fetching a quarantined file again ended. */
public sealed interface RepairResult {

    /** The same bytes as first verified are stored and served again. */
    record Repaired() implements RepairResult {
    }

    /**
     * Upstream now serves other bytes for the file, however validly signed: a release's files never change, so they
     * are not stored and the file stays out of service.
     */
    record Mismatch(String detail) implements RepairResult {
    }

    /** Upstream could not be read, or what it sent did not verify; tried again on the next pass. */
    record Failed(OutcomeCode reason, String detail) implements RepairResult {
    }
}
