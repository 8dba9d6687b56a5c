package dev.flatcarmirror.verify;

import dev.flatcarmirror.OutcomeCode;

/** Why a signature was not accepted; the code is what the sync history and the API show. */
public enum RejectionReason implements OutcomeCode {
    MISSING_SIGNATURE("missing_signature"),
    MALFORMED_SIGNATURE("malformed_signature"),
    NO_TRUSTED_KEY("no_trusted_key"),
    UNKNOWN_KEY("unknown_key"),
    BAD_SIGNATURE("bad_signature"),
    WEAK_HASH("weak_hash"),
    WEAK_KEY("weak_key"),
    SIGNATURE_TYPE("signature_type"),
    KEY_EXPIRED("key_expired"),
    KEY_REVOKED("key_revoked"),
    KEY_NOT_VALID("key_not_valid"),
    FUTURE_SIGNATURE("future_signature");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
