package dev.flatcarmirror.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Requests to the running mirror over a real socket, as its users send them: redirects are not
 * followed (a test sees the 302), bodies are read whole, JSON is parsed with the application's
 * own mapper. Copies made by {@link #admin()}, {@link #withTimeout} and {@link #onPort} change one
 * thing each; the instance itself never changes.
 */
public final class MirrorHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final IntSupplier port;
    private final ObjectMapper json;
    private final List<String> headers;
    private final Duration timeout;

    /** A client of the mirror listening on {@code port}, asked when a request is sent (the port is known only once the server runs). */
    public MirrorHttp(IntSupplier port, ObjectMapper json) {
        this(port, json, List.of(), Duration.ofSeconds(60));
    }

    private MirrorHttp(IntSupplier port, ObjectMapper json, List<String> headers, Duration timeout) {
        this.port = port;
        this.json = json;
        this.headers = headers;
        this.timeout = timeout;
    }

    /** Sends the admin API's bearer token with every request. */
    public MirrorHttp admin() {
        return withHeaders("Authorization", "Bearer " + MirrorFixture.ADMIN_TOKEN);
    }

    /** Sends these headers (name, value, name, value, ...) with every request. */
    public MirrorHttp withHeaders(String... namesAndValues) {
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of(namesAndValues));
        return new MirrorHttp(port, json, List.copyOf(all), timeout);
    }

    /** Fails a request that has no complete answer within {@code limit}. */
    public MirrorHttp withTimeout(Duration limit) {
        return new MirrorHttp(port, json, headers, limit);
    }

    /** The same requests to another port of the application, e.g. the management port. */
    public MirrorHttp onPort(int other) {
        return new MirrorHttp(() -> other, json, headers, timeout);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port.getAsInt() + path;
    }

    /** A request to {@code path} with this client's headers and timeout, for anything the shortcuts below do not cover. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(timeout);
        if (!headers.isEmpty()) {
            request.headers(headers.toArray(String[]::new));
        }
        return request;
    }

    public Response get(String path, String... namesAndValues) {
        return send(withHeaders(request(path), namesAndValues).GET());
    }

    public Response head(String path, String... namesAndValues) {
        return send(withHeaders(request(path), namesAndValues).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST without a body, as every admin operation is. */
    public Response post(String path, String... namesAndValues) {
        return send(withHeaders(request(path), namesAndValues).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST of a JSON body, as the release control operations take. */
    public Response postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the mirror", e);
        }
    }

    /** The {@code Authorization} value of HTTP basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... namesAndValues) {
        return namesAndValues.length == 0 ? request : request.headers(namesAndValues);
    }

    /** An answer of the mirror, its body read whole. */
    public static final class Response {

        private final int statusCode;
        private final HttpHeaders headers;
        private final byte[] body;
        private final ObjectMapper json;

        Response(int statusCode, HttpHeaders headers, byte[] body, ObjectMapper json) {
            this.statusCode = statusCode;
            this.headers = headers;
            this.body = body;
            this.json = json;
        }

        public int statusCode() {
            return statusCode;
        }

        public HttpHeaders headers() {
            return headers;
        }

        public byte[] body() {
            return body.clone();
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return json.readTree(body);
        }

        public <T> T json(Class<T> type) {
            return json.readValue(body, type);
        }

        @Override
        public String toString() {
            return statusCode + " " + headers.map() + " (" + body.length + " bytes)";
        }
    }
}
