package dev.flatcarmirror.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.stereotype.Component;

/**
 * Reads the release server. Built on {@link HttpURLConnection} because it has a real socket
 * read timeout, which a stalled CDN needs; redirects are followed by hand so that only
 * http(s) targets, never a step down from https to http, and a few hops are ever accepted.
 * Every request runs under a deadline that covers connecting, the status line, the headers and
 * the body: {@code small-file-deadline} for pointers, signatures, DIGESTS and keys,
 * {@code file-deadline} for artifacts.
 */
@Component
public class UpstreamClient {

    private static final String USER_AGENT = "flatcar-mirror/0.1 (+https://github.com/flatcar)";

    private final DownloadProperties properties;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "download-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public UpstreamClient(DownloadProperties properties) {
        this.properties = properties;
    }

    /** GETs a small file, conditionally when validators are given, at most {@code max-small-file} bytes. */
    public SmallFile getSmall(URI uri, Validators validators) throws UpstreamException {
        return getSmall(uri, validators, properties.maxSmallFile().toBytes());
    }

    /** As {@link #getSmall(URI, Validators)}, with a size limit of the caller's, such as a signing key's. */
    public SmallFile getSmall(URI uri, Validators validators, long maxBytes) throws UpstreamException {
        try (RequestDeadline deadline = new RequestDeadline(deadlines, properties.smallFileDeadline())) {
            HttpURLConnection connection = open(uri, validators, "GET", Map.of(), deadline);
            try {
                int status = connection.getResponseCode();
                if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
                    return new SmallFile.NotModified();
                }
                if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
                    return new SmallFile.NotFound();
                }
                requireOk(uri, status);
                try (InputStream body = guard(connection, maxBytes, deadline, uri)) {
                    byte[] content = body.readAllBytes();
                    return new SmallFile.Found(content,
                            Validators.received(connection.getHeaderField("ETag"), connection.getHeaderField("Last-Modified")));
                }
            } catch (IOException e) {
                throw failure(uri, e, deadline);
            } finally {
                connection.disconnect();
            }
        }
    }

    /** Starts downloading an artifact; empty when upstream does not have it (404). */
    public Optional<Download> download(URI uri) throws UpstreamException {
        return download(uri, 0, null);
    }

    /**
     * Downloads from byte {@code offset} on, asking for the rest with {@code Range} and
     * {@code If-Range: validator}, so that a changed file comes back whole rather than spliced:
     * check {@link Download#offset()} to see which one upstream sent.
     */
    public Optional<Download> download(URI uri, long offset, String validator) throws UpstreamException {
        Map<String, String> headers = offset > 0 && validator != null
                ? Map.of("Range", "bytes=" + offset + "-", "If-Range", validator)
                : Map.of();
        // The file's deadline starts before the connection: a server that drips its headers uses it up too.
        RequestDeadline deadline = new RequestDeadline(deadlines, properties.fileDeadline());
        HttpURLConnection connection = null;
        try {
            connection = open(uri, Validators.NONE, "GET", headers, deadline);
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
                connection.disconnect();
                deadline.close();
                return Optional.empty();
            }
            long start = status == HttpURLConnection.HTTP_PARTIAL && !headers.isEmpty() ? rangeStart(uri, connection, offset) : 0;
            if (start == 0) {
                requireOk(uri, status);
            }
            InputStream body = guard(connection, properties.maxArtifactSize().toBytes() - start, deadline, uri);
            Validators validators = Validators.received(connection.getHeaderField("ETag"), connection.getHeaderField("Last-Modified"));
            return Optional.of(new Download(body, start, connection.getContentLengthLong(),
                    validators.etag() != null ? validators.etag() : validators.lastModified(), deadline));
        } catch (IOException e) {
            close(connection, deadline);
            throw failure(uri, e, deadline);
        } catch (UpstreamException | RuntimeException e) {
            close(connection, deadline);
            throw e;
        }
    }

    private static void close(HttpURLConnection connection, RequestDeadline deadline) {
        if (connection != null) {
            connection.disconnect();
        }
        deadline.close();
    }

    private static long rangeStart(URI uri, HttpURLConnection connection, long offset) throws UpstreamException {
        String contentRange = connection.getHeaderField("Content-Range");
        if (contentRange == null || !contentRange.startsWith("bytes " + offset + "-")) {
            throw new UpstreamException(UpstreamFailure.UPSTREAM_STATUS, uri + " answered the range from " + offset + " with "
                    + dev.flatcarmirror.Untrusted.shown(contentRange));
        }
        return offset;
    }

    private InputStream guard(HttpURLConnection connection, long limit, RequestDeadline deadline, URI uri) throws IOException {
        return new GuardedInputStream(connection.getInputStream(), limit, connection.getContentLengthLong(),
                properties.minRate().toBytes(), properties.minRateWindow(), deadline::passed, uri.toString());
    }

    /** Whether upstream has the file, by HEAD. */
    public boolean exists(URI uri) throws UpstreamException {
        try (RequestDeadline deadline = new RequestDeadline(deadlines, properties.smallFileDeadline())) {
            HttpURLConnection connection = open(uri, Validators.NONE, "HEAD", Map.of(), deadline);
            try {
                int status = connection.getResponseCode();
                if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
                    return false;
                }
                requireOk(uri, status);
                return true;
            } catch (IOException e) {
                throw failure(uri, e, deadline);
            } finally {
                connection.disconnect();
            }
        }
    }

    private HttpURLConnection open(URI uri, Validators validators, String method, Map<String, String> headers, RequestDeadline deadline)
            throws UpstreamException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpURLConnection connection = connect(current, validators, method, headers);
            deadline.watch(connection);
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException | RuntimeException e) {
                // A connection closed by the deadline can surface as nearly any exception from inside the JDK.
                connection.disconnect();
                if (deadline.passed()) {
                    throw deadlinePassed(current, deadline, e);
                }
                if (e instanceof IOException io) {
                    throw failure(current, io);
                }
                throw (RuntimeException) e;
            }
            if (!isRedirect(status)) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            if (location == null) {
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, current + " answered " + status + " without a Location");
            }
            if (hop >= properties.maxRedirects()) {
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, uri + " redirects more than " + properties.maxRedirects() + " times");
            }
            URI next;
            try {
                next = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, current + " redirects to an invalid location", e);
            }
            String from = scheme(current);
            String to = scheme(next);
            if (!to.equals("http") && !to.equals("https")) {
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, uri + " redirects to "
                        + dev.flatcarmirror.Untrusted.shown(next.toString()) + ", which is not http(s)");
            }
            if (from.equals("https") && to.equals("http")) {
                // A step down would let anyone on the path answer; the signatures would catch a changed file, not a withheld one.
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, current + " redirects from https to http ("
                        + dev.flatcarmirror.Untrusted.shown(next.toString()) + "); only https is followed from https");
            }
            current = next;
        }
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private HttpURLConnection connect(URI uri, Validators validators, String method, Map<String, String> headers)
            throws UpstreamException {
        String scheme = scheme(uri);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, "cannot request " + uri + ": not http(s)");
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) properties.connectTimeout().toMillis());
            connection.setReadTimeout((int) properties.readTimeout().toMillis());
            connection.setRequestMethod(method);
            connection.setUseCaches(false);
            connection.setRequestProperty("User-Agent", USER_AGENT);
            // Signatures cover the bytes as published; a transparently decoded body would not match.
            connection.setRequestProperty("Accept-Encoding", "identity");
            if (validators.etag() != null) {
                connection.setRequestProperty("If-None-Match", validators.etag());
            }
            if (validators.lastModified() != null) {
                connection.setRequestProperty("If-Modified-Since", validators.lastModified());
            }
            headers.forEach(connection::setRequestProperty);
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new UpstreamException(UpstreamFailure.NETWORK_ERROR, "cannot request " + uri + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static void requireOk(URI uri, int status) throws UpstreamException {
        if (status == 429 || status >= 500) {
            throw new UpstreamException(UpstreamFailure.SERVER_ERROR, uri + " answered HTTP " + status);
        }
        if (status != HttpURLConnection.HTTP_OK) {
            throw new UpstreamException(UpstreamFailure.UPSTREAM_STATUS, uri + " answered HTTP " + status);
        }
    }

    private static UpstreamException deadlinePassed(URI uri, RequestDeadline deadline, Exception cause) {
        return new UpstreamException(UpstreamFailure.DEADLINE, uri + " took longer than its deadline of " + deadline.limit()
                + " (connect, headers and body)", cause);
    }

    /** Names what went wrong while reading a response body. */
    public static UpstreamException describe(URI uri, IOException e) {
        return failure(uri, e);
    }

    private static UpstreamException failure(URI uri, IOException e, RequestDeadline deadline) {
        if (deadline.passed() && !(e instanceof GuardedInputStream.LimitException)) {
            return deadlinePassed(uri, deadline, e);
        }
        return failure(uri, e);
    }

    static UpstreamException failure(URI uri, IOException e) {
        if (e instanceof GuardedInputStream.LimitException limit) {
            return new UpstreamException(limit.reason(), e.getMessage(), e);
        }
        if (e instanceof java.io.EOFException) {
            return new UpstreamException(UpstreamFailure.TRUNCATED, uri + ": " + e.getMessage(), e);
        }
        if (e instanceof java.net.UnknownHostException) {
            return new UpstreamException(UpstreamFailure.NETWORK_ERROR, uri + ": cannot resolve host " + e.getMessage(), e);
        }
        if (e instanceof java.net.ConnectException) {
            return new UpstreamException(UpstreamFailure.NETWORK_ERROR, uri + ": cannot connect (" + e.getMessage() + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new UpstreamException(UpstreamFailure.TIMEOUT, uri + ": no data within the read timeout", e);
        }
        return new UpstreamException(UpstreamFailure.NETWORK_ERROR, uri + ": " + e.getMessage(), e);
    }
}
