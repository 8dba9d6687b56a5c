package dev.flatcarmirror.verify;

/** A signature that must not be trusted, with the named reason and a detail for people. */
public class SignatureRejectedException extends Exception {

    private final RejectionReason reason;

    public SignatureRejectedException(RejectionReason reason, String detail) {
        super(reason.code() + ": " + detail);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
