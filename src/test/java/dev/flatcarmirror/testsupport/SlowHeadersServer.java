package dev.flatcarmirror.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that never quite answers: for every request it sends the status line and then headers one byte
 * per interval, never reaching the body. A socket read timeout never fires (a byte always comes in time), so only a
 * deadline over the whole request ends it. {@link FakeUpstream} cannot do this: its server writes headers at once.
 */
public final class SlowHeadersServer implements AutoCloseable {

    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + "x".repeat(100_000) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Duration interval;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "slow-headers");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private SlowHeadersServer(Duration interval) throws IOException {
        this.interval = interval;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    public static SlowHeadersServer start(Duration interval) {
        try {
            return new SlowHeadersServer(interval);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the slow headers server", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted so far, each one request that was answered this way. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                executor.execute(() -> drip(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drip(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            readRequestHead(in);
            for (byte b : HEAD) {
                out.write(b);
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        } catch (IOException e) {
            // The client gave up: that is what a bounded client does.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
        executor.shutdownNow();
    }
}
