package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;

/**
 * Why the sync refused or could not finish a release, beyond what upstream
 * ({@link dev.flatcarmirror.upstream.UpstreamFailure}) and the signature check
 * ({@link dev.flatcarmirror.verify.RejectionReason}) report.
 */
public enum SyncReason implements OutcomeCode {
    /** The pointer names an older version than the current one: a replayed pointer. */
    ROLLBACK("rollback"),
    /** The version's middle number is not the channel's stage. */
    CHANNEL_MISMATCH("channel_mismatch"),
    /** The version directory's version.txt names another version than the pointer. */
    VERSION_MISMATCH("version_mismatch"),
    /** The version string could be used to build a path; it is never used. */
    UNSAFE_VERSION("unsafe_version"),
    MALFORMED_VERSION_TXT("malformed_version_txt"),
    /** A file that must exist (version.txt, or an artifact whose .sig exists) is not there. */
    MISSING_FILE("missing_file"),
    /** The object store could not take the file. */
    STORAGE_ERROR("storage_error"),
    /** The file's SHA-512 differs from the one its signed .DIGESTS lists. */
    DIGEST_MISMATCH("digest_mismatch");

    private final String code;

    SyncReason(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
