package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.TestSigningKey;
import dev.flatcarmirror.testsupport.TestSigningKey.SignatureOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * An upstream that misbehaves in every way a CDN or an attacker can: each scenario ends either
 * rejected with its named reason or recovered, and in every case the current release did not
 * move to anything unverified, no file of the bad release is reachable, and the service answered
 * throughout. Timeouts are configured short so the slow scenarios stay fast.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileUpstreamTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String BOARD = "amd64-usr";

    static final TestSigningKey EXPIRED = TestSigningKey.generate(TestSigningKey.Options.defaults()
            .withSubkeyCreated(Instant.now().minus(Duration.ofDays(30))).withSubkeyExpiresAfter(Duration.ofDays(10)));
    static final TestSigningKey REVOKED = TestSigningKey.generate();
    static final MirrorFixture MIRROR = new MirrorFixture()
            .trust(EXPIRED.primaryFingerprint(), EXPIRED.publicKeyArmored())
            .trust(REVOKED.primaryFingerprint(), REVOKED.revokeSigningSubkey(RevocationReasonTags.KEY_COMPROMISED, new Date()));
    static final FakeUpstream UPSTREAM = MIRROR.upstream();
    static final TestSigningKey KEY = MIRROR.key();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
        registry.add("mirror.channels[1].name", () -> "beta");
        registry.add("mirror.channels[1].base-url", () -> UPSTREAM.channelUrl("beta"));
        registry.add("mirror.download.read-timeout", () -> "1s");
        registry.add("mirror.download.file-deadline", () -> "20s");
        registry.add("mirror.download.min-rate", () -> "2KB");
        registry.add("mirror.download.min-rate-window", () -> "1s");
        registry.add("mirror.download.max-artifact-size", () -> "1MB");
        registry.add("mirror.download.retries", () -> "2");
        registry.add("mirror.download.retry-backoff", () -> "10ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void heal() {
        UPSTREAM.clearFaults();
    }

    @AfterAll
    static void stop() {
        MIRROR.close();
    }

    @Test
    @Order(1)
    void connectionBrokenOnceShouldBeResumedFromWhereItStopped() throws Exception {
        FakeUpstream.Release release = publish("3000.2.1", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Truncate(100_000), 1);
        UPSTREAM.clearRequests();

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("3000.2.1");
        assertThat(UPSTREAM.requests()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo(release.path(IMAGE));
            assertThat(request.header("Range")).hasValue("bytes=100000-");
        });
        assertThat(get("/stable/amd64-usr/3000.2.1/" + IMAGE).body()).isEqualTo(release.bytes(IMAGE));
    }

    @Test
    @Order(2)
    void connectionThatAlwaysBreaksShouldBeRejectedAsTruncated() throws Exception {
        FakeUpstream.Release release = publish("3000.2.2", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Truncate(1000));

        scheduler.pollNow("stable");

        assertRejected("3000.2.2", "truncated");
    }

    @Test
    @Order(3)
    void stalledBodyShouldTimeOutWhileOtherChannelsAndReadersCarryOn() throws Exception {
        FakeUpstream.Release release = publish("3000.2.3", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Stall(Duration.ofSeconds(30)));
        UPSTREAM.publishRelease("beta", BOARD, "3001.1.0", KEY, Map.of(IMAGE, MirrorFixture.random(50_000, 9)), true);

        CompletableFuture<Void> stalled = CompletableFuture.runAsync(() -> pollQuietly("stable"));
        long started = System.nanoTime();
        scheduler.pollNow("beta");
        HttpResponse<byte[]> reader = get("/channels");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("beta and readers are not held up by stable").isLessThan(Duration.ofSeconds(3));
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(currentOf("beta")).isEqualTo("3001.1.0");
        stalled.get(20, TimeUnit.SECONDS);
        assertRejected("3000.2.3", "timeout");
    }

    @Test
    @Order(4)
    void dripOfBytesShouldBeDroppedAsTooSlow() throws Exception {
        FakeUpstream.Release release = publish("3000.2.4", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Drip(Duration.ofMillis(10)));

        scheduler.pollNow("stable");

        assertRejected("3000.2.4", "too_slow");
    }

    @Test
    @Order(5)
    void endlessBodyShouldStopAtTheSizeLimit() throws Exception {
        FakeUpstream.Release release = publish("3000.2.5", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Endless());

        scheduler.pollNow("stable");

        assertRejected("3000.2.5", "too_large");
    }

    @Test
    @Order(6)
    void corruptedByteShouldBeRejectedAsBadSignature() throws Exception {
        FakeUpstream.Release release = publish("3000.2.6", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Corrupt(12_345));

        scheduler.pollNow("stable");

        assertRejected("3000.2.6", "bad_signature");
    }

    @Test
    @Order(7)
    void redirectToLocalFileShouldBeRefused() throws Exception {
        FakeUpstream.Release release = publish("3000.2.7", KEY);
        UPSTREAM.fault(release.path(IMAGE), new Fault.Redirect("file:///etc/passwd", 302));

        scheduler.pollNow("stable");

        assertRejected("3000.2.7", "bad_redirect");
    }

    @Test
    @Order(8)
    void sha1SignatureShouldBeRejectedAsWeakHash() throws Exception {
        resign(publish("3000.2.8", KEY), KEY, SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA1));

        scheduler.pollNow("stable");

        assertRejected("3000.2.8", "weak_hash");
    }

    @Test
    @Order(9)
    void textModeSignatureShouldBeRejectedAsWrongType() throws Exception {
        resign(publish("3000.2.9", KEY), KEY, SignatureOptions.defaults().withSignatureType(PGPSignature.CANONICAL_TEXT_DOCUMENT));

        scheduler.pollNow("stable");

        assertRejected("3000.2.9", "signature_type");
    }

    @Test
    @Order(10)
    void releaseSignedBySubkeyAfterItExpiredShouldBeRejected() throws Exception {
        publish("3000.2.10", EXPIRED);

        scheduler.pollNow("stable");

        assertPointerRejected("3000.2.10", "key_expired");
    }

    @Test
    @Order(11)
    void releaseSignedByCompromisedSubkeyShouldBeRejected() throws Exception {
        publish("3000.2.11", REVOKED);

        scheduler.pollNow("stable");

        assertPointerRejected("3000.2.11", "key_revoked");
    }

    @Test
    @Order(12)
    void pointerSignedByUnknownKeyShouldBeRejectedBeforeAnythingIsFetched() throws Exception {
        publish("3000.2.12", TestSigningKey.generate());
        UPSTREAM.clearRequests();

        scheduler.pollNow("stable");

        assertPointerRejected("3000.2.12", "unknown_key");
        assertThat(UPSTREAM.requests()).allSatisfy(request -> assertThat(request.path()).contains("/current/"));
    }

    @Test
    @Order(13)
    void versionFromAnotherStageShouldBeRejectedAsChannelMismatch() throws Exception {
        publish("3002.0.0", KEY);

        scheduler.pollNow("stable");

        assertPointerRejected("3002.0.0", "channel_mismatch");
    }

    @Test
    @Order(14)
    void signedDigestsListingAnotherSha512ShouldBeRejectedAsDigestMismatch() throws Exception {
        FakeUpstream.Release release = publish("3000.2.13", KEY);
        byte[] lying = FakeUpstream.digests(IMAGE, MirrorFixture.random(10, 1));
        UPSTREAM.put(release.path(IMAGE + ".DIGESTS"), lying);
        UPSTREAM.put(release.path(IMAGE + ".DIGESTS.sig"), KEY.sign(lying));

        scheduler.pollNow("stable");

        assertRejected("3000.2.13", "digest_mismatch");
    }

    @Test
    @Order(15)
    void digestsAlteredAfterSigningShouldNotBeTrusted() throws Exception {
        FakeUpstream.Release release = publish("3000.2.14", KEY);
        UPSTREAM.put(release.path(IMAGE + ".DIGESTS"), FakeUpstream.digests(IMAGE, MirrorFixture.random(10, 2)));

        scheduler.pollNow("stable");

        assertRejected("3000.2.14", "bad_signature");
    }

    @Test
    @Order(16)
    void releaseShouldPublishOnceUpstreamIsFixedAfterEveryFailure() throws Exception {
        publish("3000.2.15", KEY);

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("3000.2.15");
        assertThat(get("/channels/stable").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(17)
    void hugeJumpThatFailsVerificationShouldNotBlockTheNextGenuineRelease() throws Exception {
        FakeUpstream.Release jump = publish("9000.2.0", KEY);
        UPSTREAM.fault(jump.path(IMAGE), new Fault.Corrupt(7));
        scheduler.pollNow("stable");
        assertRejected("9000.2.0", "bad_signature");
        UPSTREAM.clearFaults();

        publish("3000.2.16", KEY);
        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("3000.2.16");
    }

    private FakeUpstream.Release publish(String version, TestSigningKey key) {
        return UPSTREAM.publishRelease("stable", BOARD, version, key, Map.of(IMAGE, MirrorFixture.random(300_000, version.hashCode())), true);
    }

    private static void resign(FakeUpstream.Release release, TestSigningKey key, SignatureOptions options) {
        UPSTREAM.put(release.path(IMAGE + ".sig"), key.sign(release.bytes(IMAGE), options));
    }

    /** The release was tried and failed with the reason; none of its files is reachable; current is elsewhere. */
    private void assertRejected(String version, String reason) throws Exception {
        Release release = json.readValue(get("/channels/stable/releases/" + version).body(), Release.class);
        assertThat(release.state()).isEqualTo("FAILED");
        assertThat(release.failureReason()).isEqualTo(reason);
        assertNothingServed(version);
    }

    /** The pointer itself was refused: no release was even started. */
    private void assertPointerRejected(String version, String reason) throws Exception {
        assertThat(get("/channels/stable/releases/" + version).statusCode()).isEqualTo(404);
        assertThat(history()).first().satisfies(event -> assertThat(event.get("reason")).isEqualTo(reason));
        assertNothingServed(version);
    }

    private void assertNothingServed(String version) throws Exception {
        assertThat(current()).isNotEqualTo(version);
        for (String file : List.of(IMAGE, IMAGE + ".sig", "version.txt")) {
            assertThat(get("/stable/amd64-usr/" + version + "/" + file).statusCode()).as(file).isEqualTo(404);
        }
        assertThat(MIRROR.storage().resolve("stable/amd64-usr/" + version + "/" + IMAGE)).doesNotExist();
        assertThat(get("/channels").statusCode()).isEqualTo(200);
    }

    private void pollQuietly(String channel) {
        try {
            scheduler.pollNow(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String current() throws Exception {
        return currentOf("stable");
    }

    @SuppressWarnings("unchecked")
    private String currentOf(String channel) throws Exception {
        HttpResponse<byte[]> response = get("/channels/" + channel + "/current");
        return response.statusCode() == 404 ? null : (String) json.readValue(response.body(), Map.class).get("version");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history() throws Exception {
        return json.readValue(get("/channels/stable/history").body(), List.class);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Release(String version, String state, String failureReason) {
    }
}
