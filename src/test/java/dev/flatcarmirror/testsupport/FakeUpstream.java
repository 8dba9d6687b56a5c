package dev.flatcarmirror.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.util.encoders.Hex;

/**
 * An in-process stand-in for Flatcar's release server ({@code https://{channel}.release.flatcar-linux.net}),
 * speaking just enough HTTP for a mirror's conditional and ranged fetches, recording every request
 * so tests can assert what the mirror asked for, and able to misbehave on demand.
 */
public final class FakeUpstream implements AutoCloseable {

    /** Ways a path can misbehave; each is acted out on the real socket, not merely signalled. */
    public sealed interface Fault {
        /** Answers with this status and an empty body. */
        record Status(int code) implements Fault { }

        /** Announces the full Content-Length, sends only this many body bytes, then drops the connection. */
        record Truncate(int bytes) implements Fault { }

        /** Serves the body with the byte at this offset (of the whole file) flipped. */
        record Corrupt(long offset) implements Fault { }

        /** Sends status and headers at once, then waits this long before sending the body. */
        record Stall(Duration delay) implements Fault { }

        /** Answers with this redirect status and Location, as the real server does towards its CDN. */
        record Redirect(String location, int status) implements Fault { }

        /** Sends the body one byte per interval, like a connection that never quite stalls. */
        record Drip(Duration interval) implements Fault { }

        /** Streams random bytes without a Content-Length for as long as the client keeps reading. */
        record Endless() implements Fault { }

        /** Serves the resource normally, but with these response headers set over the usual ones (e.g. a huge ETag). */
        record Headers(Map<String, String> headers) implements Fault { }
    }

    /** One request as received; header lookup ignores case, as HTTP does. */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, Instant receivedAt) {

        public RecordedRequest {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** What {@link #publishRelease} wrote: file name (e.g. {@code version.txt.sig}) to bytes. */
    public record Release(String channel, String board, String version, Map<String, byte[]> files) {

        /** Server path of a file in the version directory, e.g. {@code /stable/amd64-usr/1000.2.0/version.txt}. */
        public String path(String fileName) {
            return "/" + channel + "/" + board + "/" + version + "/" + fileName;
        }

        /** Server path of the copy under {@code current/} (only present if published with makeCurrent). */
        public String currentPath(String fileName) {
            return "/" + channel + "/" + board + "/current/" + fileName;
        }

        public byte[] bytes(String fileName) {
            byte[] body = files.get(fileName);
            if (body == null) {
                throw new IllegalArgumentException("not part of release: " + fileName);
            }
            return body;
        }
    }

    private record Resource(byte[] body, String etag, Instant lastModified) { }

    private record ArmedFault(Fault fault, AtomicInteger remaining) { }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int UNLIMITED = -1;

    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, ArmedFault> faults = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final HttpServer server;

    private FakeUpstream() throws IOException {
        // Several threads so a stalled response cannot block the mirror's other requests.
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "fake-upstream");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeUpstream start() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start fake upstream", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String channelUrl(String channel) {
        return baseUrl() + "/" + channel;
    }

    public String url(String path) {
        return baseUrl() + normalize(path);
    }

    public void put(String path, byte[] body) {
        put(path, body, Instant.now());
    }

    /** As {@link #put(String, byte[])} with a chosen Last-Modified, for If-Modified-Since tests. */
    public void put(String path, byte[] body, Instant lastModified) {
        byte[] copy = body.clone();
        String etag = "\"" + Hex.toHexString(digest(copy, "SHA-256")).substring(0, 32) + "\"";
        resources.put(normalize(path), new Resource(copy, etag, lastModified.truncatedTo(ChronoUnit.SECONDS)));
    }

    public void remove(String path) {
        resources.remove(normalize(path));
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    public long count(String method, String path) {
        String normalized = normalize(path);
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(normalized)).count();
    }

    /** Makes every request for {@code path} misbehave until {@link #clearFaults()}. */
    public void fault(String path, Fault fault) {
        faults.put(normalize(path), new ArmedFault(fault, new AtomicInteger(UNLIMITED)));
    }

    /** Makes only the next {@code times} requests for {@code path} misbehave, for retry tests. */
    public void fault(String path, Fault fault, int times) {
        faults.put(normalize(path), new ArmedFault(fault, new AtomicInteger(times)));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Back to an upstream that serves nothing: no files, no faults, no requests recorded. */
    public void reset() {
        faults.clear();
        resources.clear();
        requests.clear();
    }

    /**
     * Publishes a release the way Flatcar's build does: every file X (version.txt included) with
     * {@code X.sig}, {@code X.DIGESTS} and {@code X.DIGESTS.sig}. A caller-supplied {@code version.txt}
     * in {@code artifacts} replaces the generated one, to test a pointer that lies about its version.
     */
    public Release publishRelease(String channel, String board, String version, TestSigningKey key,
            Map<String, byte[]> artifacts, boolean makeCurrent) {
        Map<String, byte[]> payload = new LinkedHashMap<>();
        payload.put("version.txt", versionTxt(version));
        payload.putAll(artifacts);

        Map<String, byte[]> files = new LinkedHashMap<>();
        payload.forEach((name, body) -> {
            byte[] digests = digests(name, body);
            files.put(name, body);
            files.put(name + ".sig", key.sign(body));
            files.put(name + ".DIGESTS", digests);
            files.put(name + ".DIGESTS.sig", key.sign(digests));
        });

        Release release = new Release(channel, board, version, Collections.unmodifiableMap(files));
        files.forEach((name, body) -> put(release.path(name), body));
        if (makeCurrent) {
            files.forEach((name, body) -> put(release.currentPath(name), body));
        }
        return release;
    }

    /**
     * Points one of upstream's streams of the release's board at it, as Flatcar's LTS does with
     * {@code {board}/current-2024/}: a copy of the version's files under {@code {board}/{stream}/}.
     */
    public void pointStream(Release release, String stream) {
        String directory = "/" + release.channel() + "/" + release.board() + "/" + stream + "/";
        release.files().forEach((name, body) -> put(directory + name, body));
    }

    /** Serves {@code {channel}/lts-info} with these lines ({@code major:year:supported}), each ending in a newline. */
    public void ltsInfo(String channel, String... lines) {
        put("/" + channel + "/lts-info", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The files upstream holds now in a version's directory, as a {@link Release}: what a test needs
     * of a release that was published before the application started, by another piece of set-up.
     */
    public Release release(String channel, String board, String version) {
        String directory = "/" + channel + "/" + board + "/" + version + "/";
        Map<String, byte[]> files = new TreeMap<>();
        resources.forEach((path, resource) -> {
            if (path.startsWith(directory) && path.indexOf('/', directory.length()) < 0) {
                files.put(path.substring(directory.length()), resource.body().clone());
            }
        });
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing published under " + directory);
        }
        return new Release(channel, board, version, Collections.unmodifiableMap(files));
    }

    /** A version.txt in Flatcar's exact format, with a fixed build id so equal versions give equal bytes. */
    public static byte[] versionTxt(String version) {
        return versionTxt(version, "2026-01-01-0000");
    }

    public static byte[] versionTxt(String version, String buildId) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("not BUILD.BRANCH.PATCH: " + version);
        }
        String text = "FLATCAR_BUILD=" + m.group(1) + "\n"
                + "FLATCAR_BRANCH=" + m.group(2) + "\n"
                + "FLATCAR_PATCH=" + m.group(3) + "\n"
                + "FLATCAR_VERSION=" + version + "\n"
                + "FLATCAR_VERSION_ID=" + version + "\n"
                + "FLATCAR_BUILD_ID=\"" + buildId + "\"\n"
                + "FLATCAR_SDK_VERSION=" + m.group(1) + ".0.0\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The MD5/SHA1/SHA512 layout of Flatcar's {@code X.DIGESTS} files (no SHA-256 line, by design). */
    public static byte[] digests(String fileName, byte[] body) {
        String text = "# MD5 HASH\n" + Hex.toHexString(digest(body, "MD5")) + "  " + fileName + "\n"
                + "# SHA1 HASH\n" + Hex.toHexString(digest(body, "SHA-1")) + "  " + fileName + "\n"
                + "# SHA512 HASH\n" + Hex.toHexString(digest(body, "SHA-512")) + "  " + fileName + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        server.stop(0);
        // Interrupts stalled handlers so closing never waits out a Stall fault.
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(new RecordedRequest(method, path, exchange.getRequestHeaders(), Instant.now()));
            respond(exchange, method, path, takeFault(path));
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, String method, String path, Fault fault) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (fault instanceof Fault.Status status) {
            exchange.sendResponseHeaders(status.code(), -1);
            return;
        }
        if (fault instanceof Fault.Redirect redirect) {
            out.set("Location", redirect.location());
            exchange.sendResponseHeaders(redirect.status(), -1);
            return;
        }
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            out.set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        Resource resource = resources.get(path);
        if (resource == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }

        String lastModified = HTTP_DATE.format(resource.lastModified());
        out.set("ETag", resource.etag());
        out.set("Last-Modified", lastModified);
        out.set("Accept-Ranges", "bytes");
        out.set("Content-Type", "application/octet-stream");
        if (fault instanceof Fault.Headers replaced) {
            replaced.headers().forEach(out::set);
        }
        Headers in = exchange.getRequestHeaders();
        if (notModified(in, resource)) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }

        byte[] full = resource.body();
        int status = 200;
        long from = 0;
        long to = full.length - 1L;
        String range = in.getFirst("Range");
        String ifRange = in.getFirst("If-Range");
        boolean rangeApplies = range != null
                && (ifRange == null || ifRange.equals(resource.etag()) || ifRange.equals(lastModified));
        Matcher m = rangeApplies ? SINGLE_RANGE.matcher(range.trim()) : null;
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                from = Math.max(0, full.length - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? to : Math.min(to, Long.parseLong(m.group(2)));
            }
            if (from >= full.length || from > to) {
                out.set("Content-Range", "bytes */" + full.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            out.set("Content-Range", "bytes " + from + "-" + to + "/" + full.length);
        }
        byte[] body = slice(full, from, to);
        if (fault instanceof Fault.Corrupt corrupt && corrupt.offset() >= from && corrupt.offset() <= to) {
            body[(int) (corrupt.offset() - from)] ^= (byte) 0xFF;
        }

        if (head) {
            // HttpServer refuses a length argument for HEAD, so the header is set by hand.
            out.set("Content-Length", Long.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        if (fault instanceof Fault.Endless) {
            exchange.sendResponseHeaders(status, 0);
            OutputStream endless = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            while (!Thread.currentThread().isInterrupted()) {
                ThreadLocalRandom.current().nextBytes(chunk);
                endless.write(chunk);
            }
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        OutputStream stream = exchange.getResponseBody();
        if (fault instanceof Fault.Drip drip) {
            for (byte b : body) {
                stream.write(b);
                stream.flush();
                try {
                    Thread.sleep(drip.interval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("drip interrupted by shutdown", e);
                }
            }
            return;
        }
        if (fault instanceof Fault.Truncate truncate) {
            stream.write(body, 0, Math.max(0, Math.min(truncate.bytes(), body.length)));
            stream.flush();
            // Throwing out of the handler makes HttpServer drop the connection: the client sees a
            // short body rather than waiting for bytes that will never come.
            throw new IOException("truncating response on purpose");
        }
        if (fault instanceof Fault.Stall stall) {
            stream.flush();
            try {
                Thread.sleep(stall.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("stall interrupted by shutdown", e);
            }
        }
        stream.write(body);
    }

    private static boolean notModified(Headers in, Resource resource) {
        String ifNoneMatch = in.getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2) and uses weak comparison.
            for (String tag : ifNoneMatch.split(",")) {
                String candidate = tag.trim();
                if (candidate.equals("*") || candidate.replaceFirst("^W/", "").equals(resource.etag())) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = in.getFirst("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return !resource.lastModified().isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private Fault takeFault(String path) {
        ArmedFault armed = faults.get(path);
        if (armed == null) {
            return null;
        }
        if (armed.remaining().get() == UNLIMITED) {
            return armed.fault();
        }
        if (armed.remaining().getAndDecrement() <= 0) {
            faults.remove(path, armed);
            return null;
        }
        return armed.fault();
    }

    private static byte[] slice(byte[] full, long from, long to) {
        byte[] part = new byte[(int) (to - from + 1)];
        System.arraycopy(full, (int) from, part, 0, part.length);
        return part;
    }

    private static String normalize(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static byte[] digest(byte[] data, String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
