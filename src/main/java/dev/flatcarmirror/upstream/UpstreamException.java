package dev.flatcarmirror.upstream;

/** Upstream could not be read: an HTTP error, a broken or stalled connection, a refused redirect, a file too large. */
public class UpstreamException extends Exception {

    private final String reason;

    public UpstreamException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UpstreamException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A short stable code: {@code upstream_status}, {@code network_error}, {@code too_large}, {@code bad_redirect}. */
    public String reason() {
        return reason;
    }
}
