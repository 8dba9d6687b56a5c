package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.Gpg;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.TestSigningKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code flatcar-install} runs {@code gpg --verify} on exactly the bytes the mirror serves, with the key the mirror
 * serves. So the mirror must never publish a {@code .sig} that gpg would fail, and what it does publish must pass.
 * Runs the real gpg (required under CI).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GpgInteropTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();
    static final TestSigningKey KEY = MIRROR.key();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private Gpg gpg;

    /** Before the application starts, so that a laptop without gpg skips at once. */
    @BeforeAll
    static void requireGpg() {
        Gpg.require();
    }

    @BeforeEach
    void gpgWithTheMirrorsKey() throws Exception {
        gpg = Gpg.require();
        // The key as a client gets it from the mirror (flatcar-install -k), not from the test's own copy.
        HttpResponse<String> key = http.send(request("/keys/signing-key.asc").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(key.statusCode()).isEqualTo(200);
        gpg.importKey(key.body());
    }

    @AfterAll
    static void stop() {
        MIRROR.close();
    }

    @Test
    @Order(1)
    void signatureFileWithOneGoodAndOneBadSignatureShouldFailGpgAndBeRefusedByTheMirror() throws Exception {
        byte[] image = MirrorFixture.random(60_000, 31);
        FakeUpstream.Release release = UPSTREAM.publishRelease("stable", "amd64-usr", "9100.2.0", KEY, Map.of(IMAGE, image), true);
        byte[] goodAndBad = concat(KEY.sign(image), KEY.sign("something else".getBytes(StandardCharsets.UTF_8)));
        UPSTREAM.put(release.path(IMAGE + ".sig"), goodAndBad);

        assertThat(gpg.verify(goodAndBad, image).verified()).as("gpg --verify on a good and a bad signature").isFalse();
        assertThat(gpg.verify(KEY.sign(image), image).verified()).as("gpg --verify on the good one alone").isTrue();

        scheduler.pollNow("stable");

        Map<?, ?> refused = json.readValue(send("/channels/stable/releases/9100.2.0").body(), Map.class);
        assertThat(refused.get("state")).isEqualTo("FAILED");
        assertThat(refused.get("failureReason")).isEqualTo("bad_signature");
        assertThat(send("/stable/amd64-usr/9100.2.0/" + IMAGE + ".sig").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void everyFileTheMirrorPublishesShouldVerifyWithGpg() throws Exception {
        UPSTREAM.publishRelease("stable", "amd64-usr", "9100.2.1", KEY, Map.of(IMAGE, MirrorFixture.random(60_000, 32)), true);

        scheduler.pollNow("stable");

        for (String file : List.of("version.txt", IMAGE)) {
            String path = "/stable/amd64-usr/9100.2.1/" + file;
            HttpResponse<byte[]> content = send(path);
            HttpResponse<byte[]> signature = send(path + ".sig");
            assertThat(content.statusCode()).as(path).isEqualTo(200);
            assertThat(signature.statusCode()).as(path + ".sig").isEqualTo(200);
            Gpg.Result result = gpg.verify(signature.body(), content.body());
            assertThat(result.verified()).as("gpg --verify %s.sig %s:\n%s", file, file, result.output()).isTrue();
            assertThat(result.output()).contains("[GNUPG:] GOODSIG").doesNotContain("BADSIG");
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<byte[]> send(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
