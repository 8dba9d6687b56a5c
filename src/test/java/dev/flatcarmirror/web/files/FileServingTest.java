package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The file tree in upstream's layout over a real socket: validators, conditionals, ranges, HEAD, redirects. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FileServingTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String PATH = "/stable/amd64-usr/2000.2.0/" + IMAGE;
    private static final byte[] CONTENT = MirrorFixture.random(500_000, 11);

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream.Release RELEASE = MIRROR.upstream().publishRelease("stable", "amd64-usr", "2000.2.0",
            MIRROR.key(), Map.of(IMAGE, CONTENT), true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void synced() throws Exception {
        scheduler.pollNow("stable");
    }

    @AfterAll
    static void stopUpstream() {
        MIRROR.close();
    }

    @Test
    void getShouldServeTheVerifiedBytesWithStrongValidatorsAndImmutableCaching() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + sha256(CONTENT) + "\"");
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void signatureShouldBeServedByteForByteAsUpstreamPublishedIt() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH + ".sig").GET());

        assertThat(response.body()).isEqualTo(RELEASE.bytes(IMAGE + ".sig"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pgp-signature");
    }

    @Test
    void headShouldAnswerTheHeadersOfGetWithoutABody() throws Exception {
        HttpResponse<byte[]> get = send(request(PATH).GET());
        HttpResponse<byte[]> head = send(request(PATH).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : new String[] {"ETag", "Last-Modified", "Content-Length", "Content-Type", "Accept-Ranges", "Cache-Control"}) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header));
        }
    }

    @Test
    void matchingIfNoneMatchShouldAnswerNotModified() throws Exception {
        String etag = send(request(PATH).GET()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> response = send(request(PATH).header("If-None-Match", etag).GET());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void otherEtagShouldGetTheFullFile() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("If-None-Match", "\"something-else\"").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @Test
    void ifModifiedSinceAtLastModifiedShouldAnswerNotModified() throws Exception {
        String lastModified = send(request(PATH).GET()).headers().firstValue("Last-Modified").orElseThrow();

        assertThat(send(request(PATH).header("If-Modified-Since", lastModified).GET()).statusCode()).isEqualTo(304);
    }

    @Test
    void singleRangeShouldAnswerPartialContent() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=1000-1999").GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + CONTENT.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 2000));
    }

    @Test
    void suffixRangeShouldAnswerTheLastBytes() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=-10").GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 10, CONTENT.length));
    }

    @Test
    void multipleRangesShouldAnswerMultipartByteranges() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=0-4,100-104").GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("multipart/byteranges; boundary="));
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Range: bytes 0-4/" + CONTENT.length, "Content-Range: bytes 100-104/" + CONTENT.length);
        assertThat(body).contains(new String(Arrays.copyOfRange(CONTENT, 100, 105), StandardCharsets.ISO_8859_1));
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length));
    }

    @Test
    void rangeBeyondTheEndShouldAnswer416WithTheSize() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=900000-").GET());

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + CONTENT.length);
    }

    @Test
    void rangesAddingUpToMoreThanTheFileShouldBeRefused() throws Exception {
        String overlapping = "bytes=0-399999,1-399999";
        StringBuilder many = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= 200; i++) {
            many.append(',').append(i * 2).append('-').append(i * 2);
        }

        assertThat(send(request(PATH).header("Range", overlapping).GET()).statusCode()).isEqualTo(416);
        assertThat(send(request(PATH).header("Range", many.toString()).GET()).statusCode()).isEqualTo(416);
    }

    @Test
    void staleIfRangeShouldGetTheWholeFile() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=0-9").header("If-Range", "\"stale\"").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @Test
    void currentIfRangeShouldGetTheRange() throws Exception {
        String etag = send(request(PATH).GET()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=0-9").header("If-Range", etag).GET());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOf(CONTENT, 10));
    }

    @Test
    void currentShouldRedirectToTheImmutableVersionedUrl() throws Exception {
        HttpResponse<byte[]> response = send(request("/stable/amd64-usr/current/" + IMAGE).GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue(PATH);
    }

    @Test
    void unknownChannelShouldAnswerProblemJson() throws Exception {
        HttpResponse<byte[]> response = send(request("/nightly/amd64-usr/1.0.0/version.txt").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("nightly");
    }

    @Test
    void fileNotInTheReleaseShouldAnswer404() throws Exception {
        assertThat(send(request("/stable/amd64-usr/2000.2.0/flatcar_production_pxe.vmlinuz").GET()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/stable/amd64-usr/../../../etc/passwd",
            "/stable/amd64-usr/%2e%2e/%2e%2e/etc/passwd",
            "/stable/amd64-usr/%252e%252e/version.txt",
            "/stable/amd64-usr/2000.2.0/..%5c..%5cversion.txt",
            "/stable/amd64-usr/2000.2.0;x=1/version.txt",
            "/stable//amd64-usr/2000.2.0/version.txt",
            "/stable/amd64-usr/2000.2.0/version.txt%00",
            "/stable/amd64-usr/.staging/version.txt"})
    void traversalInAnySpellingShouldNeverServeAFile(String path) throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());

        assertThat(response.statusCode()).isIn(400, 404);
    }

    @Test
    void oversizedHeadersShouldBeRefusedWithoutServing() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("X-Padding", "a".repeat(64 * 1024)).GET());

        assertThat(response.statusCode()).isIn(400, 431);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
