package dev.flatcarmirror.upstream;

import java.util.Set;

/** Upstream could not be read: an HTTP error, a broken or stalled connection, a refused redirect, a file too large. */
public class UpstreamException extends Exception {

    /** Failures that another attempt may not meet: the connection, not the content, was at fault. */
    private static final Set<String> TRANSIENT = Set.of("network_error", "timeout", "truncated", "too_slow", "server_error");

    private final String reason;

    public UpstreamException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UpstreamException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * A short stable code: {@code upstream_status} (a 4xx), {@code server_error} (5xx or 429),
     * {@code network_error}, {@code timeout}, {@code truncated}, {@code too_slow}, {@code deadline},
     * {@code too_large}, {@code bad_redirect}.
     */
    public String reason() {
        return reason;
    }

    public boolean isTransient() {
        return TRANSIENT.contains(reason);
    }
}
