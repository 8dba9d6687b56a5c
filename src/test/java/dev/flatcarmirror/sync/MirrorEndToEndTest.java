package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The life of a channel against an in-process upstream with keys made at test time:
 * first sync, an unchanged pointer, a tampered release, a fixed one, a replayed old pointer.
 * Runs the real application on a real port with a real PostgreSQL.
 */
// Isolated: the first release is published before the application starts.
@MirrorApplicationTest(isolated = true, beforeStart = MirrorEndToEndTest.FirstReleasePublished.class,
        // Only a publication may refresh the gauges in this test, never the clock.
        properties = "mirror.metrics.refresh-interval=1h")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorEndToEndTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    private static final String INITRD = "flatcar_production_pxe_image.cpio.gz";

    static final Map<String, byte[]> FIRST = Map.of(IMAGE, MirrorFixture.random(1_048_576 + 123, 1), KERNEL, MirrorFixture.random(70_000, 2));

    /** Published before the application starts: its first scheduled poll may already find it. */
    static class FirstReleasePublished implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.publish("stable/amd64-usr", "1000.2.0", FIRST);
        }
    }

    @Autowired
    MirrorFixture mirror;

    @Autowired
    FakeUpstream upstream;

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Test
    @Order(1)
    void firstSyncShouldPublishTheReleaseAndServeItsFilesByteForByte() throws Exception {
        scheduler.pollNow("stable");

        Current current = current();
        assertThat(current.version()).isEqualTo("1000.2.0");
        assertThat(current.versionTxt()).containsEntry("FLATCAR_VERSION", "1000.2.0").containsEntry("FLATCAR_BUILD", "1000");
        assertThat(current.artifacts()).extracting(Current.File::name).containsExactlyInAnyOrder(IMAGE, KERNEL, "version.txt");
        Current.File image = current.artifacts().stream().filter(file -> file.name().equals(IMAGE)).findFirst().orElseThrow();
        assertThat(image.size()).isEqualTo(FIRST.get(IMAGE).length);
        assertThat(image.sha256()).isEqualTo(sha("SHA-256", FIRST.get(IMAGE)));
        assertThat(image.sha512()).isEqualTo(sha("SHA-512", FIRST.get(IMAGE)));
        assertThat(image.url()).isEqualTo("/stable/amd64-usr/1000.2.0/" + IMAGE);

        assertThat(http.get(image.url()).body()).isEqualTo(FIRST.get(IMAGE));
        assertThat(http.get(image.signatureUrl()).body()).isEqualTo(upstream.release("stable", "amd64-usr", "1000.2.0").bytes(IMAGE + ".sig"));
        assertThat(http.get("/stable/amd64-usr/1000.2.0/version.txt").body()).isEqualTo(FakeUpstream.versionTxt("1000.2.0"));
        assertThat(upstream.requests()).filteredOn(request -> request.method().equals("GET") && request.path().contains("/1000.2.0/"))
                .as("each file of the release, its .sig, DIGESTS and DIGESTS.sig fetched once")
                .extracting(FakeUpstream.RecordedRequest::path).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    @Order(2)
    void artifactMissingUpstreamShouldBeRecordedAbsentNotServed() throws Exception {
        Release release = release("1000.2.0");

        assertThat(release.state()).isEqualTo("PUBLISHED");
        assertThat(release.artifacts()).filteredOn(artifact -> artifact.name().equals(INITRD))
                .singleElement().satisfies(artifact -> assertThat(artifact.state()).isEqualTo("ABSENT"));
        assertThat(http.get("/stable/amd64-usr/1000.2.0/" + INITRD).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void unchangedPointerShouldBeAskedConditionallyAndNothingElseFetched() throws Exception {
        upstream.clearRequests();

        scheduler.pollNow("stable");

        assertThat(upstream.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/stable/amd64-usr/current/version.txt");
            assertThat(request.header("If-None-Match")).isPresent();
        });
        assertThat(current().version()).isEqualTo("1000.2.0");
    }

    @Test
    @Order(4)
    void tamperedArtifactShouldBeRejectedWhileTheLastGoodReleaseStaysCurrent() throws Exception {
        Map<String, byte[]> second = Map.of(IMAGE, MirrorFixture.random(300_000, 3), KERNEL, MirrorFixture.random(50_000, 4), INITRD, MirrorFixture.random(90_000, 5));
        FakeUpstream.Release release = mirror.publish("stable/amd64-usr", "1000.2.1", second);
        byte[] tampered = second.get(KERNEL).clone();
        tampered[tampered.length / 2] ^= 0x40;
        upstream.put(release.path(KERNEL), tampered);

        scheduler.pollNow("stable");

        assertThat(current().version()).isEqualTo("1000.2.0");
        Release rejected = release("1000.2.1");
        assertThat(rejected.state()).isEqualTo("FAILED");
        assertThat(rejected.failureReason()).isEqualTo("bad_signature");
        assertThat(rejected.failureDetail()).contains(KERNEL);
        assertThat(http.get("/stable/amd64-usr/1000.2.1/" + KERNEL).statusCode()).isEqualTo(404);
        assertThat(http.get("/stable/amd64-usr/1000.2.1/" + IMAGE).statusCode())
                .as("a verified file of an unpublished release is not served either").isEqualTo(404);
        assertThat(mirror.storage().resolve("stable/amd64-usr/1000.2.1/" + KERNEL)).doesNotExist();
        assertThat(http.get("/stable/amd64-usr/current/" + IMAGE).headers().firstValue("Location"))
                .hasValue("/stable/amd64-usr/1000.2.0/" + IMAGE);
        assertThat(history()).anySatisfy(event -> {
            assertThat(event.get("reason")).isEqualTo("bad_signature");
            assertThat(event.get("file")).isEqualTo(KERNEL);
            assertThat(event.get("version")).isEqualTo("1000.2.1");
        });
        assertThat(channelSummary().get("lastError").toString()).contains("bad_signature");
    }

    @Test
    @Order(5)
    void releaseShouldPublishOnceUpstreamIsFixedAndCurrentShouldMoveToIt() throws Exception {
        Map<String, byte[]> second = Map.of(IMAGE, MirrorFixture.random(300_000, 3), KERNEL, MirrorFixture.random(50_000, 4), INITRD, MirrorFixture.random(90_000, 5));
        mirror.publish("stable/amd64-usr", "1000.2.1", second);

        scheduler.pollNow("stable");

        assertThat(current().version()).isEqualTo("1000.2.1");
        assertThat(release("1000.2.1").state()).isEqualTo("PUBLISHED");
        assertThat(http.get("/stable/amd64-usr/1000.2.1/" + KERNEL).body()).isEqualTo(second.get(KERNEL));
        assertThat(http.get("/stable/amd64-usr/1000.2.0/" + IMAGE).body()).as("older releases stay served").isEqualTo(FIRST.get(IMAGE));
        assertThat(http.get("/stable/amd64-usr/current/version.txt").headers().firstValue("Location"))
                .hasValue("/stable/amd64-usr/1000.2.1/version.txt");
    }

    @Test
    @Order(6)
    void replayedOlderPointerShouldBeRecordedAsRollbackAndIgnored() throws Exception {
        upstream.put("/stable/amd64-usr/current/version.txt", FakeUpstream.versionTxt("1000.2.0"));
        upstream.put("/stable/amd64-usr/current/version.txt.sig", mirror.key().sign(FakeUpstream.versionTxt("1000.2.0")));

        scheduler.pollNow("stable");

        assertThat(current().version()).isEqualTo("1000.2.1");
        assertThat(history().get(0)).containsEntry("reason", "rollback");
    }

    @Test
    @Order(7)
    void effectiveSigningKeyShouldBeServedForFlatcarInstall() throws Exception {
        MirrorHttp.Response response = http.get("/keys/signing-key.asc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pgp-keys"));
        String armored = new String(response.body(), StandardCharsets.US_ASCII);
        assertThat(armored).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(new OpenPGPKeyReader().parseCertificate(armored).getKeyIdentifier().toString())
                .isEqualToIgnoringCase(mirror.key().primaryFingerprint());
    }

    @Test
    @Order(8)
    void publicationShouldRefreshTheCurrentVersionGaugeWithoutWaitingForItsSchedule() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get("/actuator/prometheus").text())
                        .contains("flatcar_mirror_current_version_info{board=\"amd64-usr\",channel=\"stable\",version=\"1000.2.1\"} 1"));
    }

    private Current current() throws Exception {
        MirrorHttp.Response response = http.get("/channels/stable/current");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.json(Current.class);
    }

    private Release release(String version) throws Exception {
        MirrorHttp.Response response = http.get("/channels/stable/releases/" + version);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.json(Release.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history() throws Exception {
        return http.get("/channels/stable/history").json(List.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> channelSummary() throws Exception {
        return http.get("/channels/stable").json(LinkedHashMap.class);
    }

    static String sha(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Current(String channel, String board, String version, Map<String, String> versionTxt, List<File> artifacts) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record File(String name, long size, String sha256, String sha512, String url, String signatureUrl) {
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Release(String version, String state, String failureReason, String failureDetail, List<Artifact> artifacts) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Artifact(String name, String state) {
        }
    }
}
