package dev.flatcarmirror.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A key URL that answers with headers and then sends nothing. While the refresh waits on it, everything that reads
 * the keyring goes on: a release signed by the known subkey publishes, the scrape and the key endpoint answer within
 * a second, and the at-rest check (which must not share the refresh's thread) runs. Then the refresh ends with
 * {@code timeout}, from the same bounded reader as every other upstream request.
 */
@MirrorApplicationTest(isolated = true, beforeStart = StalledKeyServerTest.StalledKeyUrl.class, properties = {
        "mirror.signing.refresh-interval=1s",
        "mirror.download.read-timeout=15s",
        "mirror.verify-at-rest.interval=1s"})
class StalledKeyServerTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KEY_PATH = "/keys/Flatcar_Image_Signing_Key.asc";

    /** The key URL serves the fixture's own key, but its body never comes within the read timeout. */
    static class StalledKeyUrl implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.upstream().put(KEY_PATH, fixture.key().publicKeyArmored().getBytes(StandardCharsets.US_ASCII));
            fixture.upstream().fault(KEY_PATH, new Fault.Stall(Duration.ofMinutes(2)));
            fixture.property("mirror.signing.key-url", fixture.upstream().url(KEY_PATH));
        }
    }

    @Autowired
    PollScheduler scheduler;

    @Autowired
    SigningKeyring keyring;

    @Test
    void stalledKeyUrlShouldHoldUpNoReaderAndEndAsATimeout(MirrorFixture mirror, FakeUpstream upstream, MirrorHttp http) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> upstream.count("GET", KEY_PATH) >= 1);

        FakeUpstream.Release release = mirror.publish("stable/amd64-usr", "1000.2.0", Map.of(IMAGE, MirrorFixture.random(50_000, 41)));
        CompletableFuture.runAsync(this::poll).get(10, TimeUnit.SECONDS);
        assertThat(http.get("/channels/stable/current").json().path("version").asString())
                .as("a release signed by the known subkey publishes").isEqualTo("1000.2.0");

        assertThat(http.withTimeout(Duration.ofSeconds(5)).get("/actuator/prometheus").statusCode()).isEqualTo(200);
        MirrorHttp quick = http.withTimeout(Duration.ofSeconds(1));
        long started = System.nanoTime();
        MirrorHttp.Response scrape = quick.get("/actuator/prometheus");
        MirrorHttp.Response key = quick.get("/keys/signing-key.asc");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("scrape and key endpoint together").isLessThan(Duration.ofSeconds(2));
        assertThat(scrape.text()).contains("flatcar_mirror_signing_key_expiry_seconds +Inf");
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.text()).contains("BEGIN PGP PUBLIC KEY BLOCK");

        Path stored = mirror.storage().resolve("stable/amd64-usr/1000.2.0/" + IMAGE);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[10] ^= 1;
        Files.write(stored, bytes);
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(http.get("/channels/stable/history").json().valueStream())
                .as("the at-rest check runs on its own thread").anySatisfy(event -> {
                    assertThat(event.path("outcome").asString()).isEqualTo("quarantined");
                    assertThat(event.path("file").asString()).isEqualTo(IMAGE);
                }));
        assertThat(CompletableFuture.supplyAsync(keyring::lastFetchError).get(1, TimeUnit.SECONDS))
                .as("all of the above happened while the refresh waited").isNull();
        assertThat(upstream.count("GET", KEY_PATH)).as("still the first fetch").isOne();

        await().atMost(Duration.ofSeconds(40)).until(() -> keyring.lastFetchError() != null);
        assertThat(keyring.lastFetchError()).startsWith("timeout").contains(KEY_PATH);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/stable/amd64-usr/1000.2.0/" + IMAGE).body())
                .as("the image, repaired from upstream, is served again").isEqualTo(release.bytes(IMAGE)));
    }

    private void poll() {
        try {
            scheduler.pollNow("stable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
