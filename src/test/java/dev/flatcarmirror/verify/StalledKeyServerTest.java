package dev.flatcarmirror.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A key URL that answers with headers and then sends nothing. While the refresh waits on it, everything that reads
 * the keyring goes on: a release signed by the known subkey publishes, the scrape and the key endpoint answer within
 * a second, and the at-rest check (which must not share the refresh's thread) runs. Then the refresh ends with
 * {@code timeout}, from the same bounded reader as every other upstream request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mirror.signing.refresh-interval=1s",
        "mirror.download.read-timeout=15s",
        "mirror.verify-at-rest.interval=1s"})
class StalledKeyServerTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KEY_PATH = "/keys/Flatcar_Image_Signing_Key.asc";

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();

    static {
        UPSTREAM.put(KEY_PATH, MIRROR.key().publicKeyArmored().getBytes(StandardCharsets.US_ASCII));
        UPSTREAM.fault(KEY_PATH, new Fault.Stall(Duration.ofMinutes(2)));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
        registry.add("mirror.signing.key-url", () -> UPSTREAM.url(KEY_PATH));
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    SigningKeyring keyring;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterAll
    static void stop() {
        MIRROR.close();
    }

    @Test
    void stalledKeyUrlShouldHoldUpNoReaderAndEndAsATimeout() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> UPSTREAM.count("GET", KEY_PATH) >= 1);

        FakeUpstream.Release release = UPSTREAM.publishRelease("stable", "amd64-usr", "1000.2.0", MIRROR.key(),
                Map.of(IMAGE, MirrorFixture.random(50_000, 41)), true);
        CompletableFuture.runAsync(this::poll).get(10, TimeUnit.SECONDS);
        assertThat(currentVersion()).as("a release signed by the known subkey publishes").isEqualTo("1000.2.0");

        assertThat(get("/actuator/prometheus", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        long started = System.nanoTime();
        HttpResponse<String> scrape = get("/actuator/prometheus", Duration.ofSeconds(1));
        HttpResponse<String> key = get("/keys/signing-key.asc", Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("scrape and key endpoint together").isLessThan(Duration.ofSeconds(2));
        assertThat(scrape.body()).contains("flatcar_mirror_signing_key_expiry_seconds +Inf");
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.body()).contains("BEGIN PGP PUBLIC KEY BLOCK");

        Path stored = MIRROR.storage().resolve("stable/amd64-usr/1000.2.0/" + IMAGE);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[10] ^= 1;
        Files.write(stored, bytes);
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(history())
                .as("the at-rest check runs on its own thread").anySatisfy(event -> {
                    assertThat(event.path("outcome").asString()).isEqualTo("quarantined");
                    assertThat(event.path("file").asString()).isEqualTo(IMAGE);
                }));
        assertThat(CompletableFuture.supplyAsync(keyring::lastFetchError).get(1, TimeUnit.SECONDS))
                .as("all of the above happened while the refresh waited").isNull();
        assertThat(UPSTREAM.count("GET", KEY_PATH)).as("still the first fetch").isOne();

        await().atMost(Duration.ofSeconds(40)).until(() -> keyring.lastFetchError() != null);
        assertThat(keyring.lastFetchError()).startsWith("timeout").contains(KEY_PATH);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/stable/amd64-usr/1000.2.0/" + IMAGE, Duration.ofSeconds(5)).body().getBytes(StandardCharsets.ISO_8859_1))
                .as("the image, repaired from upstream, is served again").isEqualTo(release.bytes(IMAGE)));
    }

    private void poll() {
        try {
            scheduler.pollNow("stable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String currentVersion() throws Exception {
        return json.readTree(get("/channels/stable/current", Duration.ofSeconds(5)).body()).path("version").asString();
    }

    private java.util.List<JsonNode> history() throws Exception {
        return json.readTree(get("/channels/stable/history", Duration.ofSeconds(5)).body()).valueStream().toList();
    }

    private HttpResponse<String> get(String path, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }
}
