package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.verify.RejectionReason;
import dev.flatcarmirror.verify.SignatureRejectedException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Why mirroring a release stopped, naming the file; the release stays unpublished and is retried later. */
class SyncFailure extends Exception {

    private final OutcomeCode reason;
    private final String file;
    private final boolean verification;

    /** A refusal by a version or digest check when the reason is one ({@link SyncReason#isRefusal()}), else a failure. */
    SyncFailure(SyncReason reason, String file, String message) {
        this(reason, file, message, reason.isRefusal());
    }

    private SyncFailure(OutcomeCode reason, String file, String message, boolean verification) {
        super(message);
        this.reason = reason;
        this.file = file;
        this.verification = verification;
    }

    static SyncFailure of(String file, UpstreamException e) {
        return new SyncFailure(e.reason(), file, e.getMessage(), false);
    }

    static SyncFailure of(String file, SignatureRejectedException e) {
        return new SyncFailure(e.reason(), file, file + ": " + e.getMessage(), e.reason() != RejectionReason.MISSING_SIGNATURE);
    }

    /** A signature file missing where the file exists: not a signature check, but the file cannot be trusted. */
    static SyncFailure missingSignature(String file, String message) {
        return new SyncFailure(RejectionReason.MISSING_SIGNATURE, file, message, false);
    }

    /** Every reason that can be counted as a verification failure, for the metrics to start at zero. */
    static List<OutcomeCode> verificationReasons() {
        return Stream.concat(Arrays.stream(RejectionReason.values()).filter(reason -> reason != RejectionReason.MISSING_SIGNATURE),
                Arrays.stream(SyncReason.values()).filter(SyncReason::isRefusal)).map(OutcomeCode.class::cast).toList();
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
