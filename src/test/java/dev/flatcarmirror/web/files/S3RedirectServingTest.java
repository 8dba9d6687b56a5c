package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code mirror.storage.s3.redirect=true}: large GETs go to the bucket directly; HEAD, 304s and small files do not. */
@MirrorApplicationTest(properties = {"mirror.storage.s3.redirect=true", "mirror.storage.s3.redirect-min-size=64KB",
        "mirror.storage.s3.redirect-expiry=3m"})
class S3RedirectServingTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String PATH = "/stable/amd64-usr/2000.2.0/" + IMAGE;
    private static final byte[] CONTENT = MirrorFixture.random(300_000, 12);

    static final S3TestServer S3 = S3TestServer.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        S3.properties("").forEach((name, value) -> registry.add(name, () -> value));
    }

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

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void getOfALargeFileShouldRedirectToAShortLivedUrlThatServesTheVerifiedBytes() throws Exception {
        MirrorHttp.Response response = http.get(PATH);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(S3.endpoint() + "/" + S3.bucket() + "/stable/amd64-usr/2000.2.0/" + IMAGE + "?");
        assertThat(location.getQuery()).contains("X-Amz-Expires=180");
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(CONTENT);
    }

    @Test
    void headShouldNeverBeRedirected() throws Exception {
        MirrorHttp.Response head = http.head(PATH);

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
        assertThat(head.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aConditionalGetThatMatchesShouldStillBeAnsweredNotModified() throws Exception {
        String etag = http.head(PATH).headers().firstValue("ETag").orElseThrow();

        assertThat(http.get(PATH, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void smallFilesShouldStreamThroughTheMirror() throws Exception {
        MirrorHttp.Response signature = http.get(PATH + ".sig");

        assertThat(signature.statusCode()).isEqualTo(200);
        assertThat(signature.body()).isEqualTo(release.bytes(IMAGE + ".sig"));
    }
}
