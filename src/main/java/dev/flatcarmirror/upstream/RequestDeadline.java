package dev.flatcarmirror.upstream;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The whole time one request may take: connect, status line, headers and body, over every redirect hop. A socket
 * read timeout alone cannot end a server that drips one byte just before each timeout, in its headers as well as
 * its body. When the deadline passes, the connection is closed, which unblocks the reading thread; and again every
 * second after that, because {@link HttpURLConnection} silently sends a GET once more on a new socket when reading
 * the first answer fails.
 */
final class RequestDeadline implements AutoCloseable {

    private static final long REPEAT_MILLIS = 1000;

    private final AtomicBoolean passed = new AtomicBoolean();
    private final AtomicReference<HttpURLConnection> connection = new AtomicReference<>();
    private final Duration limit;
    private final ScheduledFuture<?> expiry;

    RequestDeadline(ScheduledExecutorService timer, Duration limit) {
        this.limit = limit;
        this.expiry = timer.scheduleAtFixedRate(this::expire, limit.toMillis(), REPEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The connection of the current hop, closed at once if the deadline has already passed. */
    void watch(HttpURLConnection current) {
        connection.set(current);
        if (passed.get()) {
            current.disconnect();
        }
    }

    boolean passed() {
        return passed.get();
    }

    Duration limit() {
        return limit;
    }

    private void expire() {
        passed.set(true);
        HttpURLConnection current = connection.get();
        if (current != null) {
            current.disconnect();
        }
    }

    @Override
    public void close() {
        expiry.cancel(false);
    }
}
