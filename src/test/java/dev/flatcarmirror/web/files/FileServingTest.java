package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The file tree in upstream's layout over a real socket: validators, conditionals, ranges, HEAD, redirects. */
@MirrorApplicationTest
class FileServingTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String PATH = "/stable/amd64-usr/2000.2.0/" + IMAGE;
    static final byte[] CONTENT = MirrorFixture.random(500_000, 11);

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    private FakeUpstream.Release release;

    @BeforeAll
    void published(MirrorFixture mirror) {
        release = mirror.publish("stable/amd64-usr", "2000.2.0", Map.of(IMAGE, CONTENT));
    }

    @BeforeEach
    void synced() throws Exception {
        scheduler.pollNow("stable");
    }

    @Test
    void getShouldServeTheVerifiedBytesWithStrongValidatorsAndImmutableCaching() throws Exception {
        MirrorHttp.Response response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + sha256(CONTENT) + "\"");
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void signatureShouldBeServedByteForByteAsUpstreamPublishedIt() {
        MirrorHttp.Response response = http.get(PATH + ".sig");

        assertThat(response.body()).isEqualTo(release.bytes(IMAGE + ".sig"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pgp-signature");
    }

    @Test
    void headShouldAnswerTheHeadersOfGetWithoutABody() {
        MirrorHttp.Response get = http.get(PATH);
        MirrorHttp.Response head = http.head(PATH);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : new String[] {"ETag", "Last-Modified", "Content-Length", "Content-Type", "Accept-Ranges", "Cache-Control"}) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header));
        }
    }

    @Test
    void matchingIfNoneMatchShouldAnswerNotModified() {
        String etag = http.get(PATH).headers().firstValue("ETag").orElseThrow();

        MirrorHttp.Response response = http.get(PATH, "If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void otherEtagShouldGetTheFullFile() {
        MirrorHttp.Response response = http.get(PATH, "If-None-Match", "\"something-else\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @Test
    void ifModifiedSinceAtLastModifiedShouldAnswerNotModified() {
        String lastModified = http.get(PATH).headers().firstValue("Last-Modified").orElseThrow();

        assertThat(http.get(PATH, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    }

    @Test
    void singleRangeShouldAnswerPartialContent() {
        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=1000-1999");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + CONTENT.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 2000));
    }

    @Test
    void suffixRangeShouldAnswerTheLastBytes() {
        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=-10");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 10, CONTENT.length));
    }

    @Test
    void multipleRangesShouldAnswerMultipartByteranges() {
        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=0-4,100-104");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("multipart/byteranges; boundary="));
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Range: bytes 0-4/" + CONTENT.length, "Content-Range: bytes 100-104/" + CONTENT.length);
        assertThat(body).contains(new String(Arrays.copyOfRange(CONTENT, 100, 105), StandardCharsets.ISO_8859_1));
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length));
    }

    @Test
    void rangeBeyondTheEndShouldAnswer416WithTheSize() {
        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=900000-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */" + CONTENT.length);
    }

    @Test
    void rangesAddingUpToMoreThanTheFileShouldBeRefused() {
        String overlapping = "bytes=0-399999,1-399999";
        StringBuilder many = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= 200; i++) {
            many.append(',').append(i * 2).append('-').append(i * 2);
        }

        assertThat(http.get(PATH, "Range", overlapping).statusCode()).isEqualTo(416);
        assertThat(http.get(PATH, "Range", many.toString()).statusCode()).isEqualTo(416);
    }

    @Test
    void staleIfRangeShouldGetTheWholeFile() {
        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=0-9", "If-Range", "\"stale\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @Test
    void currentIfRangeShouldGetTheRange() {
        String etag = http.get(PATH).headers().firstValue("ETag").orElseThrow();

        MirrorHttp.Response response = http.get(PATH, "Range", "bytes=0-9", "If-Range", etag);

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOf(CONTENT, 10));
    }

    @Test
    void currentShouldRedirectToTheImmutableVersionedUrl() {
        MirrorHttp.Response response = http.get("/stable/amd64-usr/current/" + IMAGE);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue(PATH);
    }

    @Test
    void unknownChannelShouldAnswerProblemJson() {
        MirrorHttp.Response response = http.get("/nightly/amd64-usr/1.0.0/version.txt");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("nightly");
    }

    @Test
    void fileNotInTheReleaseShouldAnswer404() {
        assertThat(http.get("/stable/amd64-usr/2000.2.0/flatcar_production_pxe.vmlinuz").statusCode()).isEqualTo(404);
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
    void traversalInAnySpellingShouldNeverServeAFile(String path) {
        MirrorHttp.Response response = http.get(path);

        assertThat(response.statusCode()).isIn(400, 404);
    }

    @Test
    void oversizedHeadersShouldBeRefusedWithoutServing() {
        MirrorHttp.Response response = http.get(PATH, "X-Padding", "a".repeat(64 * 1024));

        assertThat(response.statusCode()).isIn(400, 431);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
