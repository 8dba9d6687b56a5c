package dev.flatcarmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.FakeUpstream.RecordedRequest;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureProcessor;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {

    private static final String PATH = "/stable/amd64-usr/1000.2.0/flatcar_production_image.bin.bz2";
    private static final byte[] BODY = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private FakeUpstream upstream;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        upstream.put(PATH, BODY);
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void aStreamPointedAtAReleaseShouldServeItsFilesAndLtsInfoItsLines() throws Exception {
        FakeUpstream.Release release = upstream.publishRelease("lts", "amd64-usr", "3510.3.7", TestSigningKey.generate(),
                Map.of("image.bin", BODY), false);

        upstream.pointStream(release, "current-2023");
        upstream.ltsInfo("lts", "3510:2023:supported", "2605:2021:unsupported");

        assertThat(get("/lts/amd64-usr/current-2023/version.txt").body()).isEqualTo(release.bytes("version.txt"));
        assertThat(get("/lts/amd64-usr/current-2023/image.bin.sig").body()).isEqualTo(release.bytes("image.bin.sig"));
        assertThat(get("/lts/amd64-usr/current/version.txt").statusCode()).as("only the stream named").isEqualTo(404);
        assertThat(new String(get("/lts/lts-info").body(), StandardCharsets.US_ASCII))
                .isEqualTo("3510:2023:supported\n2605:2021:unsupported\n");
    }

    @Test
    void putFileShouldBeServedWithLengthStrongEtagAndLastModified() throws Exception {
        HttpResponse<byte[]> response = get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(BODY.length));
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]+\""));
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(upstream.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(upstream.channelUrl("stable")).isEqualTo(upstream.baseUrl() + "/stable");
    }

    @Test
    void headShouldAnswerWithTheSameHeadersAndNoBody() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(BODY.length));
        assertThat(response.headers().firstValue("ETag")).isEqualTo(get(PATH).headers().firstValue("ETag"));
    }

    @Test
    void matchingIfNoneMatchShouldGet304AndAStaleOneTheBody() throws Exception {
        String etag = get(PATH).headers().firstValue("ETag").orElseThrow();

        assertThat(send(request(PATH).header("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(send(request(PATH).header("If-None-Match", "\"stale\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceShouldGet304UnlessTheFileChangedAfterThatDate() throws Exception {
        Instant modified = Instant.parse("2025-03-07T12:00:00Z");
        upstream.put(PATH, BODY, modified);

        assertThat(send(request(PATH).header("If-Modified-Since", httpDate(modified))).statusCode()).isEqualTo(304);
        assertThat(send(request(PATH).header("If-Modified-Since", httpDate(modified.minusSeconds(60)))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rangeRequestShouldGet206WithJustThoseBytes() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).header("Range", "bytes=10-19"));

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + BODY.length);
        assertThat(send(request(PATH).header("Range", "bytes=30-")).body()).hasSize(BODY.length - 30);
        assertThat(send(request(PATH).header("Range", "bytes=-6")).body()).hasSize(6);
        assertThat(send(request(PATH).header("Range", "bytes=999-")).statusCode()).isEqualTo(416);
    }

    @Test
    void unknownAndRemovedPathsShouldGet404() throws Exception {
        assertThat(get("/stable/amd64-usr/1000.2.0/nope").statusCode()).isEqualTo(404);

        upstream.remove(PATH);

        assertThat(get(PATH).statusCode()).isEqualTo(404);
    }

    @Test
    void everyRequestShouldBeRecordedWithItsMethodPathAndHeaders() throws Exception {
        send(request(PATH).header("Range", "bytes=0-0"));
        get("/missing");

        assertThat(upstream.requests()).extracting(RecordedRequest::method, RecordedRequest::path)
                .containsExactly(tuple("GET", PATH),
                        tuple("GET", "/missing"));
        assertThat(upstream.requests().get(0).header("range")).hasValue("bytes=0-0");
        assertThat(upstream.count("GET", PATH)).isEqualTo(1);

        upstream.clearRequests();

        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void versionTxtShouldHaveFlatcarsExactFormat() {
        // Byte for byte the published stable-amd64-4593.2.5 version.txt.
        String expected = "FLATCAR_BUILD=4593\n"
                + "FLATCAR_BRANCH=2\n"
                + "FLATCAR_PATCH=5\n"
                + "FLATCAR_VERSION=4593.2.5\n"
                + "FLATCAR_VERSION_ID=4593.2.5\n"
                + "FLATCAR_BUILD_ID=\"2026-08-11-2350\"\n"
                + "FLATCAR_SDK_VERSION=4593.0.0\n";

        assertThat(new String(FakeUpstream.versionTxt("4593.2.5", "2026-08-11-2350"), StandardCharsets.US_ASCII))
                .isEqualTo(expected);
    }

    @Test
    void publishedReleaseShouldHaveSignedFilesAndDigestsInTheVersionAndCurrentDirectories()
            throws Exception {
        TestSigningKey key = TestSigningKey.generate();
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        artifacts.put("flatcar_production_image.bin.bz2", BODY);

        FakeUpstream.Release release =
                upstream.publishRelease("stable", "amd64-usr", "1000.2.0", key, artifacts, true);

        assertThat(release.files().keySet()).containsExactly(
                "version.txt", "version.txt.sig", "version.txt.DIGESTS", "version.txt.DIGESTS.sig",
                "flatcar_production_image.bin.bz2", "flatcar_production_image.bin.bz2.sig",
                "flatcar_production_image.bin.bz2.DIGESTS", "flatcar_production_image.bin.bz2.DIGESTS.sig");
        byte[] versionTxt = get("/stable/amd64-usr/current/version.txt").body();
        assertThat(new String(versionTxt, StandardCharsets.US_ASCII)).contains("FLATCAR_VERSION=1000.2.0\n");
        assertThat(verifies(key, versionTxt, get("/stable/amd64-usr/current/version.txt.sig").body())).isTrue();

        String digests = new String(get(release.path("flatcar_production_image.bin.bz2.DIGESTS")).body(),
                StandardCharsets.US_ASCII);
        assertThat(digests).matches("# MD5 HASH\n[0-9a-f]{32}  flatcar_production_image.bin.bz2\n"
                + "# SHA1 HASH\n[0-9a-f]{40}  flatcar_production_image.bin.bz2\n"
                + "# SHA512 HASH\n[0-9a-f]{128}  flatcar_production_image.bin.bz2\n");
        assertThat(verifies(key, digests.getBytes(StandardCharsets.US_ASCII),
                get(release.path("flatcar_production_image.bin.bz2.DIGESTS.sig")).body())).isTrue();
        assertThat(get(release.currentPath("flatcar_production_image.bin.bz2")).body()).isEqualTo(BODY);
    }

    @Test
    void releaseShouldBeWhatTheVersionDirectoryHoldsNowCurrentAndSubdirectoriesLeftOut() throws Exception {
        FakeUpstream.Release published = upstream.publishRelease("stable", "amd64-usr", "1000.2.1", TestSigningKey.generate(),
                Map.of("flatcar_production_image.bin.bz2", BODY), true);
        upstream.put(published.path("flatcar_production_image.bin.bz2"), new byte[] {1});
        upstream.put(published.path("nested/file"), new byte[] {2});

        FakeUpstream.Release release = upstream.release("stable", "amd64-usr", "1000.2.1");

        assertThat(release.files().keySet()).containsExactlyInAnyOrderElementsOf(published.files().keySet());
        assertThat(release.bytes("version.txt.sig")).isEqualTo(published.bytes("version.txt.sig"));
        assertThat(release.bytes("flatcar_production_image.bin.bz2")).containsExactly(1);
        assertThatThrownBy(() -> upstream.release("stable", "amd64-usr", "9.9.9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetShouldForgetEveryFileFaultAndRequest() throws Exception {
        upstream.fault("/stable/amd64-usr/1000.2.0/other", new Fault.Status(503));
        get(PATH);

        upstream.reset();

        assertThat(upstream.requests()).isEmpty();
        assertThat(get(PATH).statusCode()).isEqualTo(404);
        upstream.put("/stable/amd64-usr/1000.2.0/other", BODY);
        assertThat(get("/stable/amd64-usr/1000.2.0/other").statusCode()).as("the fault is gone too").isEqualTo(200);
    }

    @Test
    void statusFaultShouldAnswerWithThatStatus() throws Exception {
        upstream.fault(PATH, new Fault.Status(503));

        assertThat(get(PATH).statusCode()).isEqualTo(503);
    }

    @Test
    void faultForANumberOfRequestsShouldHealAfterwards() throws Exception {
        upstream.fault(PATH, new Fault.Status(500), 2);

        assertThat(get(PATH).statusCode()).isEqualTo(500);
        assertThat(get(PATH).statusCode()).isEqualTo(500);
        assertThat(get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void truncateFaultShouldAnnounceTheFullLengthButSendFewerBytesAndClose() throws Exception {
        upstream.fault(PATH, new Fault.Truncate(10));

        HttpResponse<InputStream> response =
                http.send(request(PATH).build(), HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(BODY.length));
        assertThatThrownBy(() -> {
            try (InputStream body = response.body()) {
                body.transferTo(received);
            }
        }).isInstanceOf(IOException.class);
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(BODY, 10));
    }

    @Test
    void corruptFaultShouldFlipExactlyTheByteAtTheOffset() throws Exception {
        upstream.fault(PATH, new Fault.Corrupt(5));

        byte[] body = get(PATH).body();

        assertThat(body).hasSameSizeAs(BODY);
        for (int i = 0; i < BODY.length; i++) {
            assertThat(body[i] == BODY[i]).as("byte %d unchanged", i).isEqualTo(i != 5);
        }
    }

    @Test
    void stallFaultShouldSendHeadersAtOnceAndTheBodyOnlyAfterTheDelay() throws Exception {
        upstream.fault(PATH, new Fault.Stall(Duration.ofMillis(1500)));

        long start = System.nanoTime();
        HttpResponse<InputStream> response =
                http.send(request(PATH).build(), HttpResponse.BodyHandlers.ofInputStream());
        Duration untilHeaders = Duration.ofNanos(System.nanoTime() - start);
        byte[] body;
        try (InputStream stream = response.body()) {
            body = stream.readAllBytes();
        }
        Duration untilBody = Duration.ofNanos(System.nanoTime() - start);

        assertThat(untilHeaders).isLessThan(Duration.ofMillis(1000));
        assertThat(untilBody).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(body).isEqualTo(BODY);
    }

    @Test
    void redirectFaultShouldPointElsewhereAndFollowingItGetTheTarget() throws Exception {
        String target = "/cdn/flatcar_production_image.bin.bz2";
        upstream.put(target, "from the cdn".getBytes(StandardCharsets.US_ASCII));
        upstream.fault(PATH, new Fault.Redirect(upstream.url(target), 302));

        HttpResponse<byte[]> redirect = get(PATH);
        HttpClient following = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<byte[]> followed = following.send(request(PATH).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue(upstream.url(target));
        assertThat(new String(followed.body(), StandardCharsets.US_ASCII)).isEqualTo("from the cdn");
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(request(path));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(upstream.url(path))).timeout(Duration.ofSeconds(10));
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    private static boolean verifies(TestSigningKey key, byte[] data, byte[] signature) throws Exception {
        for (OpenPGPDocumentSignature candidate : new OpenPGPDetachedSignatureProcessor()
                .addSignatures(new ByteArrayInputStream(signature))
                .addVerificationCertificate(new OpenPGPKeyReader().parseCertificate(key.publicKeyArmored()))
                .process(new ByteArrayInputStream(data))) {
            if (candidate.isValid()) {
                return true;
            }
        }
        return false;
    }
}
