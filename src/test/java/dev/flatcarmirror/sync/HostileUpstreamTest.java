package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.TestSigningKey;
import dev.flatcarmirror.testsupport.TestSigningKey.SignatureOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upstream that misbehaves in every way a CDN or an attacker can: each scenario ends either
 * rejected with its named reason or recovered, and in every case the current release did not
 * move to anything unverified, no file of the bad release is reachable, and the service answered
 * throughout. Timeouts are configured short so the slow scenarios stay fast.
 */
@MirrorApplicationTest(boards = {"stable/amd64-usr", "beta/amd64-usr"}, beforeStart = HostileUpstreamTest.TrustsExpiredAndRevokedKeys.class,
        properties = {
                "mirror.download.read-timeout=1s",
                "mirror.download.file-deadline=20s",
                "mirror.download.min-rate=2KB",
                "mirror.download.min-rate-window=1s",
                "mirror.download.max-artifact-size=1MB",
                "mirror.download.retries=2",
                "mirror.download.retry-backoff=10ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileUpstreamTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String BOARD = "amd64-usr";

    static final TestSigningKey EXPIRED = TestSigningKey.generate(TestSigningKey.Options.defaults()
            .withSubkeyCreated(Instant.now().minus(Duration.ofDays(30))).withSubkeyExpiresAfter(Duration.ofDays(10)));
    static final TestSigningKey REVOKED = TestSigningKey.generate();

    static class TrustsExpiredAndRevokedKeys implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.trust(EXPIRED.primaryFingerprint(), EXPIRED.publicKeyArmored())
                    .trust(REVOKED.primaryFingerprint(), REVOKED.revokeSigningSubkey(RevocationReasonTags.KEY_COMPROMISED, new Date()));
        }
    }

    /** What a row does to a release that upstream has just published, signed by the fixture's key. */
    @FunctionalInterface
    interface Sabotage {
        void apply(FakeUpstream upstream, FakeUpstream.Release release, TestSigningKey key);
    }

    /** Releases whose files are broken in transit or signed badly: (fault, version, sabotage, expected reason). */
    static final List<Arguments> BROKEN_RELEASES = List.of(
            argumentSet("connection that always breaks", "3000.2.2",
                    (Sabotage) (upstream, release, key) -> upstream.fault(release.path(IMAGE), new Fault.Truncate(1000)), "truncated"),
            argumentSet("drip of bytes", "3000.2.4",
                    (Sabotage) (upstream, release, key) -> upstream.fault(release.path(IMAGE), new Fault.Drip(Duration.ofMillis(10))), "too_slow"),
            argumentSet("endless body", "3000.2.5",
                    (Sabotage) (upstream, release, key) -> upstream.fault(release.path(IMAGE), new Fault.Endless()), "too_large"),
            argumentSet("corrupted byte", "3000.2.6",
                    (Sabotage) (upstream, release, key) -> upstream.fault(release.path(IMAGE), new Fault.Corrupt(12_345)), "bad_signature"),
            argumentSet("redirect to a local file", "3000.2.7",
                    (Sabotage) (upstream, release, key) -> upstream.fault(release.path(IMAGE), new Fault.Redirect("file:///etc/passwd", 302)),
                    "bad_redirect"),
            argumentSet("SHA-1 signature", "3000.2.8",
                    (Sabotage) (upstream, release, key) -> resign(upstream, release, key,
                            SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA1)), "weak_hash"),
            argumentSet("text-mode signature", "3000.2.9",
                    (Sabotage) (upstream, release, key) -> resign(upstream, release, key,
                            SignatureOptions.defaults().withSignatureType(PGPSignature.CANONICAL_TEXT_DOCUMENT)), "signature_type"),
            argumentSet("signed DIGESTS listing another SHA-512", "3000.2.13",
                    (Sabotage) (upstream, release, key) -> {
                        byte[] lying = FakeUpstream.digests(IMAGE, MirrorFixture.random(10, 1));
                        upstream.put(release.path(IMAGE + ".DIGESTS"), lying);
                        upstream.put(release.path(IMAGE + ".DIGESTS.sig"), key.sign(lying));
                    }, "digest_mismatch"),
            argumentSet("DIGESTS altered after signing", "3000.2.14",
                    (Sabotage) (upstream, release, key) -> upstream.put(release.path(IMAGE + ".DIGESTS"),
                            FakeUpstream.digests(IMAGE, MirrorFixture.random(10, 2))), "bad_signature"));

    /** Pointers refused before any release is started: (pointer, version, its signer given the fixture's key, expected reason). */
    static final List<Arguments> REFUSED_POINTERS = List.of(
            argumentSet("signed by a subkey after it expired", "3000.2.10", (UnaryOperator<TestSigningKey>) own -> EXPIRED, "key_expired"),
            argumentSet("signed by a compromised subkey", "3000.2.11", (UnaryOperator<TestSigningKey>) own -> REVOKED, "key_revoked"),
            argumentSet("signed by an unknown key", "3000.2.12", (UnaryOperator<TestSigningKey>) own -> TestSigningKey.generate(), "unknown_key"),
            argumentSet("of a version from another stage", "3002.0.0", (UnaryOperator<TestSigningKey>) own -> own, "channel_mismatch"));

    @Autowired
    MirrorFixture mirror;

    @Autowired
    FakeUpstream upstream;

    @Autowired
    PollScheduler scheduler;

    private MirrorHttp http;

    /** Every answer within 5 s: a request that hangs is a service that stopped answering. */
    @Autowired
    void answersWithinSeconds(MirrorHttp mirrorHttp) {
        http = mirrorHttp.withTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void heal() {
        upstream.clearFaults();
    }

    @Test
    @Order(1)
    void connectionBrokenOnceShouldBeResumedFromWhereItStopped() throws Exception {
        FakeUpstream.Release release = publish("3000.2.1");
        upstream.fault(release.path(IMAGE), new Fault.Truncate(100_000), 1);
        upstream.clearRequests();

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("3000.2.1");
        assertThat(upstream.requests()).anySatisfy(request -> {
            assertThat(request.path()).isEqualTo(release.path(IMAGE));
            assertThat(request.header("Range")).hasValue("bytes=100000-");
        });
        assertThat(http.get("/stable/amd64-usr/3000.2.1/" + IMAGE).body()).isEqualTo(release.bytes(IMAGE));
    }

    @ParameterizedTest(name = "{argumentSetName} should be rejected as {2}")
    @FieldSource("BROKEN_RELEASES")
    @Order(2)
    void brokenReleaseShouldBeRejectedWithItsReason(String version, Sabotage sabotage, String reason) throws Exception {
        sabotage.apply(upstream, publish(version), mirror.key());

        scheduler.pollNow("stable");

        assertRejected(version, reason);
    }

    @ParameterizedTest(name = "pointer {argumentSetName} should be rejected as {2}")
    @FieldSource("REFUSED_POINTERS")
    @Order(3)
    void refusedPointerShouldBeRejectedBeforeAnythingElseIsFetched(String version, UnaryOperator<TestSigningKey> signer, String reason)
            throws Exception {
        publish(version, signer.apply(mirror.key()));
        upstream.clearRequests();

        scheduler.pollNow("stable");

        assertPointerRejected(version, reason);
        assertThat(upstream.requests()).allSatisfy(request -> assertThat(request.path()).contains("/current/"));
    }

    @Test
    @Order(4)
    void stalledBodyShouldTimeOutWhileOtherChannelsAndReadersCarryOn() throws Exception {
        FakeUpstream.Release release = publish("3000.2.3");
        upstream.fault(release.path(IMAGE), new Fault.Stall(Duration.ofSeconds(30)));
        mirror.publish("beta/amd64-usr", "3001.1.0", Map.of(IMAGE, MirrorFixture.random(50_000, 9)));

        CompletableFuture<Void> stalled = CompletableFuture.runAsync(() -> pollQuietly("stable"));
        long started = System.nanoTime();
        scheduler.pollNow("beta");
        MirrorHttp.Response reader = http.get("/channels");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("beta and readers are not held up by stable").isLessThan(Duration.ofSeconds(3));
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(currentOf("beta")).isEqualTo("3001.1.0");
        stalled.get(20, TimeUnit.SECONDS);
        assertRejected("3000.2.3", "timeout");
    }

    @Test
    @Order(5)
    void releaseShouldPublishOnceUpstreamIsFixedAfterEveryFailure() throws Exception {
        publish("3000.2.15");

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("3000.2.15");
        assertThat(http.get("/channels/stable").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void hugeJumpThatFailsVerificationShouldNotBlockTheNextGenuineRelease() throws Exception {
        FakeUpstream.Release jump = publish("9000.2.0");
        upstream.fault(jump.path(IMAGE), new Fault.Corrupt(7));
        scheduler.pollNow("stable");
        assertRejected("9000.2.0", "bad_signature");
        upstream.clearFaults();

        publish("3000.2.16");
        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("3000.2.16");
    }

    private FakeUpstream.Release publish(String version) {
        return publish(version, mirror.key());
    }

    private FakeUpstream.Release publish(String version, TestSigningKey signer) {
        return upstream.publishRelease("stable", BOARD, version, signer, Map.of(IMAGE, MirrorFixture.random(300_000, version.hashCode())), true);
    }

    private static void resign(FakeUpstream upstream, FakeUpstream.Release release, TestSigningKey key, SignatureOptions options) {
        upstream.put(release.path(IMAGE + ".sig"), key.sign(release.bytes(IMAGE), options));
    }

    /** The release was tried and failed with the reason; none of its files is reachable; current is elsewhere. */
    private void assertRejected(String version, String reason) {
        Release release = http.get("/channels/stable/releases/" + version).json(Release.class);
        assertThat(release.state()).isEqualTo("FAILED");
        assertThat(release.failureReason()).isEqualTo(reason);
        assertNothingServed(version);
    }

    /** The pointer itself was refused: no release was even started. */
    private void assertPointerRejected(String version, String reason) {
        assertThat(http.get("/channels/stable/releases/" + version).statusCode()).isEqualTo(404);
        assertThat(history()).first().satisfies(event -> assertThat(event.get("reason")).isEqualTo(reason));
        assertNothingServed(version);
    }

    private void assertNothingServed(String version) {
        assertThat(current()).isNotEqualTo(version);
        for (String file : List.of(IMAGE, IMAGE + ".sig", "version.txt")) {
            assertThat(http.get("/stable/amd64-usr/" + version + "/" + file).statusCode()).as(file).isEqualTo(404);
        }
        assertThat(mirror.storage().resolve("stable/amd64-usr/" + version + "/" + IMAGE)).doesNotExist();
        assertThat(http.get("/channels").statusCode()).isEqualTo(200);
    }

    private void pollQuietly(String channel) {
        try {
            scheduler.pollNow(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String current() {
        return currentOf("stable");
    }

    @SuppressWarnings("unchecked")
    private String currentOf(String channel) {
        MirrorHttp.Response response = http.get("/channels/" + channel + "/current");
        return response.statusCode() == 404 ? null : (String) response.json(Map.class).get("version");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history() {
        return http.get("/channels/stable/history").json(List.class);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Release(String version, String state, String failureReason) {
    }
}
