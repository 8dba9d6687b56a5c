package dev.flatcarmirror.upstream;

/** Upstream could not be read: an HTTP error, a broken or stalled connection, a refused redirect, a file too large. */
public class UpstreamException extends Exception {

    private final UpstreamFailure reason;

    public UpstreamException(UpstreamFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UpstreamException(UpstreamFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public UpstreamFailure reason() {
        return reason;
    }

    public boolean isTransient() {
        return reason.isTransient();
    }
}
