package dev.flatcarmirror.upstream;

import dev.flatcarmirror.OutcomeCode;

/** Why upstream could not be read; the transient ones may go away on another attempt. */
public enum UpstreamFailure implements OutcomeCode {
    /** A 4xx, or an answer the request did not ask for. */
    UPSTREAM_STATUS("upstream_status", false),
    /** A 5xx or 429. */
    SERVER_ERROR("server_error", true),
    NETWORK_ERROR("network_error", true),
    /** No byte within the read timeout. */
    TIMEOUT("timeout", true),
    /** The body ended before its announced length. */
    TRUNCATED("truncated", true),
    /** Below the minimum rate over the window. */
    TOO_SLOW("too_slow", true),
    /** The file took longer than its deadline. */
    DEADLINE("deadline", false),
    /** More bytes than the size limit. */
    TOO_LARGE("too_large", false),
    /** A redirect to anything but http(s), without a target, or too many hops. */
    BAD_REDIRECT("bad_redirect", false);

    private final String code;
    private final boolean transientFailure;

    UpstreamFailure(String code, boolean transientFailure) {
        this.code = code;
        this.transientFailure = transientFailure;
    }

    @Override
    public String code() {
        return code;
    }

    /** The connection, not the content, was at fault: another attempt may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
