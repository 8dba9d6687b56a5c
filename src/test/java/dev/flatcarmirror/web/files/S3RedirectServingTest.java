package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code mirror.storage.s3.redirect=true}: large GETs go to the bucket directly; HEAD, 304s and small files do not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mirror.storage.s3.redirect=true", "mirror.storage.s3.redirect-min-size=64KB", "mirror.storage.s3.redirect-expiry=3m"})
class S3RedirectServingTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String PATH = "/stable/amd64-usr/2000.2.0/" + IMAGE;
    private static final byte[] CONTENT = MirrorFixture.random(300_000, 12);

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final S3TestServer S3 = S3TestServer.start();
    static final FakeUpstream.Release RELEASE = MIRROR.upstream().publishRelease("stable", "amd64-usr", "2000.2.0",
            MIRROR.key(), Map.of(IMAGE, CONTENT), true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
        S3.properties("").forEach((name, value) -> registry.add(name, () -> value));
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
    static void stop() {
        MIRROR.close();
        S3.close();
    }

    @Test
    void getOfALargeFileShouldRedirectToAShortLivedUrlThatServesTheVerifiedBytes() throws Exception {
        HttpResponse<byte[]> response = send(request(PATH).GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(S3.endpoint() + "/" + S3.bucket() + "/stable/amd64-usr/2000.2.0/" + IMAGE + "?");
        assertThat(location.getQuery()).contains("X-Amz-Expires=180");
        HttpResponse<byte[]> fetched = send(HttpRequest.newBuilder(location).GET());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(CONTENT);
    }

    @Test
    void headShouldNeverBeRedirected() throws Exception {
        HttpResponse<byte[]> head = send(request(PATH).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
        assertThat(head.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aConditionalGetThatMatchesShouldStillBeAnsweredNotModified() throws Exception {
        String etag = send(request(PATH).method("HEAD", HttpRequest.BodyPublishers.noBody())).headers().firstValue("ETag").orElseThrow();

        assertThat(send(request(PATH).header("If-None-Match", etag).GET()).statusCode()).isEqualTo(304);
    }

    @Test
    void smallFilesShouldStreamThroughTheMirror() throws Exception {
        HttpResponse<byte[]> signature = send(request(PATH + ".sig").GET());

        assertThat(signature.statusCode()).isEqualTo(200);
        assertThat(signature.body()).isEqualTo(RELEASE.bytes(IMAGE + ".sig"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
