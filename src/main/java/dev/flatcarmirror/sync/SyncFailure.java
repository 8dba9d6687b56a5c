package dev.flatcarmirror.sync;

import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.verify.SignatureRejectedException;

/** Why mirroring a release stopped, naming the file; the release stays unpublished and is retried later. */
class SyncFailure extends Exception {

    private final String reason;
    private final String file;

    SyncFailure(String reason, String file, String message) {
        super(message);
        this.reason = reason;
        this.file = file;
    }

    static SyncFailure of(String file, UpstreamException e) {
        return new SyncFailure(e.reason(), file, e.getMessage());
    }

    static SyncFailure of(String file, SignatureRejectedException e) {
        return new SyncFailure(e.reason().code(), file, file + ": " + e.getMessage());
    }

    String reason() {
        return reason;
    }

    String file() {
        return file;
    }
}
