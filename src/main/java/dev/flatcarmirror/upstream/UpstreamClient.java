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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Reads the release server. Built on {@link HttpURLConnection} because it has a real socket
 * read timeout, which a stalled CDN needs; redirects are followed by hand so that only
 * http(s) targets and a few hops are ever accepted.
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

    UpstreamClient(DownloadProperties properties) {
        this.properties = properties;
    }

    /** GETs a small file, conditionally when validators are given. */
    public SmallFile getSmall(URI uri, Validators validators) throws UpstreamException {
        HttpURLConnection connection = open(uri, validators);
        try {
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
                return new SmallFile.NotModified();
            }
            if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
                return new SmallFile.NotFound();
            }
            requireOk(uri, status);
            try (InputStream body = guard(connection, properties.maxSmallFile().toBytes(), new AtomicBoolean(), uri)) {
                byte[] content = body.readAllBytes();
                return new SmallFile.Found(content,
                        new Validators(connection.getHeaderField("ETag"), connection.getHeaderField("Last-Modified")));
            }
        } catch (IOException e) {
            throw failure(uri, e);
        } finally {
            connection.disconnect();
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
        HttpURLConnection connection = open(uri, Validators.NONE, "GET", headers);
        try {
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
                connection.disconnect();
                return Optional.empty();
            }
            long start = status == HttpURLConnection.HTTP_PARTIAL && !headers.isEmpty() ? rangeStart(uri, connection, offset) : 0;
            if (start == 0) {
                requireOk(uri, status);
            }
            AtomicBoolean deadlinePassed = new AtomicBoolean();
            // Disconnecting closes the socket, which unblocks a read that is still trickling at the deadline.
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                deadlinePassed.set(true);
                connection.disconnect();
            }, properties.fileDeadline().toMillis(), TimeUnit.MILLISECONDS);
            InputStream body = guard(connection, properties.maxArtifactSize().toBytes() - start, deadlinePassed, uri);
            String etag = connection.getHeaderField("ETag");
            return Optional.of(new Download(body, start, connection.getContentLengthLong(),
                    etag != null ? etag : connection.getHeaderField("Last-Modified"), deadline));
        } catch (IOException e) {
            connection.disconnect();
            throw failure(uri, e);
        } catch (UpstreamException e) {
            connection.disconnect();
            throw e;
        }
    }

    private static long rangeStart(URI uri, HttpURLConnection connection, long offset) throws UpstreamException {
        String contentRange = connection.getHeaderField("Content-Range");
        if (contentRange == null || !contentRange.startsWith("bytes " + offset + "-")) {
            throw new UpstreamException(UpstreamFailure.UPSTREAM_STATUS, uri + " answered the range from " + offset + " with " + contentRange);
        }
        return offset;
    }

    private InputStream guard(HttpURLConnection connection, long limit, AtomicBoolean deadlinePassed, URI uri) throws IOException {
        return new GuardedInputStream(connection.getInputStream(), limit, connection.getContentLengthLong(),
                properties.minRate().toBytes(), properties.minRateWindow(), deadlinePassed, uri.toString());
    }

    /** Whether upstream has the file, by HEAD. */
    public boolean exists(URI uri) throws UpstreamException {
        HttpURLConnection connection = open(uri, Validators.NONE, "HEAD", Map.of());
        try {
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
                return false;
            }
            requireOk(uri, status);
            return true;
        } catch (IOException e) {
            throw failure(uri, e);
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(URI uri, Validators validators) throws UpstreamException {
        return open(uri, validators, "GET", Map.of());
    }

    private HttpURLConnection open(URI uri, Validators validators, String method, Map<String, String> headers)
            throws UpstreamException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, uri + " redirects to " + current + ", which is not http(s)");
            }
            HttpURLConnection connection = connect(current, validators, method, headers);
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException e) {
                connection.disconnect();
                throw failure(current, e);
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
            try {
                current = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new UpstreamException(UpstreamFailure.BAD_REDIRECT, current + " redirects to an invalid location", e);
            }
        }
    }

    private HttpURLConnection connect(URI uri, Validators validators, String method, Map<String, String> headers)
            throws UpstreamException {
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

    /** Names what went wrong while reading a response body. */
    public static UpstreamException describe(URI uri, IOException e) {
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
