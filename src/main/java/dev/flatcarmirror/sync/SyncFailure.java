package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.verify.SignatureRejectedException;

/** Why mirroring a release stopped, naming the file; the release stays unpublished and is retried later. */
class SyncFailure extends Exception {

    private final OutcomeCode reason;
    private final String file;
    private final boolean verification;

    SyncFailure(SyncReason reason, String file, String message) {
        this(reason, file, message, false);
    }

    private SyncFailure(OutcomeCode reason, String file, String message, boolean verification) {
        super(message);
        this.reason = reason;
        this.file = file;
        this.verification = verification;
    }

    /** A refusal by a signature, key, digest or version check, as opposed to a transport or storage problem. */
    static SyncFailure rejected(SyncReason reason, String file, String message) {
        return new SyncFailure(reason, file, message, true);
    }

    static SyncFailure of(String file, UpstreamException e) {
        return new SyncFailure(e.reason(), file, e.getMessage(), false);
    }

    static SyncFailure of(String file, SignatureRejectedException e) {
        return new SyncFailure(e.reason(), file, file + ": " + e.getMessage(), true);
    }

    /** A signature file missing where the file exists: not a signature check, but the file cannot be trusted. */
    static SyncFailure missingSignature(String file, String message) {
        return new SyncFailure(dev.flatcarmirror.verify.RejectionReason.MISSING_SIGNATURE, file, message, false);
    }

    OutcomeCode reason() {
        return reason;
    }

    String file() {
        return file;
    }

    boolean isVerification() {
        return verification;
    }
}
