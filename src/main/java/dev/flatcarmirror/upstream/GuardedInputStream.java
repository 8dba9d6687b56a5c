package dev.flatcarmirror.upstream;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The body of an upstream response, held to its bounds while it is read:
 * no more than {@code limit} bytes whatever Content-Length claimed; at the end, no fewer than it
 * announced ({@link java.net.HttpURLConnection} reports a connection closed early as a normal end);
 * at least {@code minRate} bytes per second over each {@code window}, so a drip cannot hold a
 * download for days; and a clear error when the request's deadline closed the connection.
 */
class GuardedInputStream extends FilterInputStream {

    static class LimitException extends IOException {
        private final UpstreamFailure reason;

        LimitException(UpstreamFailure reason, String message) {
            super(message);
            this.reason = reason;
        }

        UpstreamFailure reason() {
            return reason;
        }
    }

    private final long limit;
    private final long announced;
    private final long minBytesPerWindow;
    private final long windowNanos;
    private final BooleanSupplier deadlinePassed;
    private final String what;
    private long count;
    private long windowStart = System.nanoTime();
    private long windowBytes;

    GuardedInputStream(InputStream in, long limit, long announced, long minBytesPerSecond, Duration window,
                       BooleanSupplier deadlinePassed, String what) {
        super(in);
        this.limit = limit;
        this.announced = announced;
        this.windowNanos = window.toNanos();
        this.minBytesPerWindow = minBytesPerSecond * Math.max(1, window.toSeconds());
        this.deadlinePassed = deadlinePassed;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            if (deadlinePassed.getAsBoolean()) {
                throw new LimitException(UpstreamFailure.DEADLINE, what + " took longer than its deadline");
            }
            throw e;
        }
        if (n > 0) {
            count(n);
        } else if (n < 0 && announced >= 0 && count != announced) {
            throw new EOFException(what + " ended after " + count + " of " + announced + " bytes");
        }
        return n;
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new LimitException(UpstreamFailure.TOO_LARGE, what + " is larger than the limit of " + limit + " bytes");
        }
        windowBytes += n;
        long now = System.nanoTime();
        if (now - windowStart >= windowNanos) {
            if (windowBytes < minBytesPerWindow) {
                throw new LimitException(UpstreamFailure.TOO_SLOW, what + " arrived at " + windowBytes + " bytes in "
                        + Duration.ofNanos(now - windowStart).toSeconds() + "s, below the minimum rate");
            }
            windowStart = now;
            windowBytes = 0;
        }
    }
}
