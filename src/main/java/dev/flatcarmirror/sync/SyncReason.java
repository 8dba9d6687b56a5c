package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;

/**
 * Why the sync refused or could not finish a release, beyond what upstream
 * ({@link dev.flatcarmirror.upstream.UpstreamFailure}) and the signature check
 * ({@link dev.flatcarmirror.verify.RejectionReason}) report.
 */
public enum SyncReason implements OutcomeCode {
    /** The pointer names an older version than the current one: a replayed pointer. */
    ROLLBACK("rollback", true),
    /** The version's middle number is not the channel's stage. */
    CHANNEL_MISMATCH("channel_mismatch", true),
    /** The version directory's version.txt names another version than the pointer. */
    VERSION_MISMATCH("version_mismatch", false),
    /** The version string could be used to build a path; it is never used. */
    UNSAFE_VERSION("unsafe_version", false),
    MALFORMED_VERSION_TXT("malformed_version_txt", false),
    /**
     * A file that must exist is not there: version.txt, an artifact whose .sig exists, or an artifact that earlier
     * releases of the board had and that has not yet answered 404 on two polls.
     */
    MISSING_FILE("missing_file", false),
    /** The object store could not take the file. */
    STORAGE_ERROR("storage_error", false),
    /** The catalog could not record the release or publish it (a database error, or one of its own rules). */
    CATALOG_ERROR("catalog_error", false),
    /** The file's SHA-512 differs from the one its signed .DIGESTS lists. */
    DIGEST_MISMATCH("digest_mismatch", true),
    /** The file was signed longer than {@code mirror.signing.release-window} before or after its release's version.txt. */
    RELEASE_MISMATCH("release_mismatch", true);

    private final String code;
    private final boolean refusal;

    SyncReason(String code, boolean refusal) {
        this.code = code;
        this.refusal = refusal;
    }

    @Override
    public String code() {
        return code;
    }

    /** A check refused what upstream published (counted as a verification failure), rather than something broke. */
    public boolean isRefusal() {
        return refusal;
    }
}
