package dev.flatcarmirror.sync;

import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.verify.SignatureRejectedException;

/** Why mirroring a release stopped, naming the file; the release stays unpublished and is retried later. */
class SyncFailure extends Exception {

    private final String reason;
    private final String file;
    private final boolean verification;

    SyncFailure(String reason, String file, String message) {
        this(reason, file, message, false);
    }

    private SyncFailure(String reason, String file, String message, boolean verification) {
        super(message);
        this.reason = reason;
        this.file = file;
        this.verification = verification;
    }

    /** A refusal by a signature, key or digest check, as opposed to a transport or storage problem. */
    static SyncFailure rejected(String reason, String file, String message) {
        return new SyncFailure(reason, file, message, true);
    }

    static SyncFailure of(String file, UpstreamException e) {
        return new SyncFailure(e.reason(), file, e.getMessage());
    }

    static SyncFailure of(String file, SignatureRejectedException e) {
        return new SyncFailure(e.reason().code(), file, file + ": " + e.getMessage(), true);
    }

    String reason() {
        return reason;
    }

    String file() {
        return file;
    }

    boolean isVerification() {
        return verification;
    }
}
