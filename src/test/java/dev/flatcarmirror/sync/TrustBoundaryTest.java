package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.storage.ObjectDetails;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.SlowHeadersServer;
import dev.flatcarmirror.testsupport.TestSigningKey;
import dev.flatcarmirror.testsupport.TestSigningKey.SignatureOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The trust boundary under a hostile or broken upstream, second round: what ties a file to its release, how many
 * signatures a {@code .sig} may carry, headers that never end, validators that do not fit, a catalog that refuses a
 * publish, and a 404 that is only transient. Each scenario ends with a named reason or a recovery; the last good
 * release stays current and served, and {@code /channels} answers throughout. Isolated: it counts meters and wraps
 * the object store.
 */
@MirrorApplicationTest(boards = {"stable/amd64-usr", "beta/amd64-usr"}, beforeStart = TrustBoundaryTest.TrustsAnOldKey.class,
        isolated = true, properties = {
                "mirror.verify-at-rest.interval=0",
                "mirror.verify-at-rest.repair=false",
                "mirror.download.read-timeout=2s",
                "mirror.download.small-file-deadline=4s",
                "mirror.download.file-deadline=30s",
                "mirror.download.min-rate=2KB",
                "mirror.download.min-rate-window=1s",
                "mirror.download.retries=1",
                "mirror.download.retry-backoff=10ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustBoundaryTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    private static final String INITRD = "flatcar_production_pxe_image.cpio.gz";
    private static final String BOARD = "amd64-usr";

    /** A key whose subkey is old enough to have signed something three months ago. */
    static final TestSigningKey OLD = TestSigningKey.generate(TestSigningKey.Options.defaults()
            .withSubkeyCreated(Instant.now().minus(Duration.ofDays(400))));
    /** Beta's upstream redirects its pointer here, as a release server redirects to its CDN. */
    static final SlowHeadersServer SLOW = SlowHeadersServer.start(Duration.ofMillis(200));

    static class TrustsAnOldKey implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.trust(OLD.primaryFingerprint(), OLD.publicKeyArmored());
        }
    }

    @TestConfiguration
    static class RecordPuts {

        static final List<String> KEYS = new CopyOnWriteArrayList<>();

        /** Wraps the real store, so that the order in which files become visible can be asserted. */
        @Bean
        static BeanPostProcessor recordingObjectStore() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof ObjectStore store ? new Recording(store) : bean;
                }
            };
        }

        record Recording(ObjectStore store) implements ObjectStore {
            @Override
            public Path newStagingFile() throws IOException {
                return store.newStagingFile();
            }

            @Override
            public void put(ObjectKey key, Path stagedFile) throws IOException {
                KEYS.add(key.value());
                store.put(key, stagedFile);
            }

            @Override
            public Optional<ObjectDetails> details(ObjectKey key) throws IOException {
                return store.details(key);
            }

            @Override
            public InputStream read(ObjectKey key, long offset, long length) throws IOException {
                return store.read(key, offset, length);
            }

            @Override
            public void remove(ObjectKey key) throws IOException {
                store.remove(key);
            }

            @Override
            public java.util.List<dev.flatcarmirror.storage.StoredObject> list() throws IOException {
                return store.list();
            }

            @Override
            public long usedBytes() throws IOException {
                return store.usedBytes();
            }

            @Override
            public java.util.OptionalLong freeBytes() throws IOException {
                return store.freeBytes();
            }

            @Override
            public void probeWrite() throws IOException {
                store.probeWrite();
            }

            @Override
            public java.util.List<String> removeAbandonedStaging() throws IOException {
                return store.removeAbandonedStaging();
            }

            @Override
            public Optional<java.net.URI> directDownload(ObjectKey key, long size, String contentType) {
                return store.directDownload(key, size, contentType);
            }

            @Override
            public String location() {
                return store.location();
            }
        }
    }

    @Autowired
    MirrorHttp http;

    @Autowired
    MirrorFixture mirror;

    @Autowired
    FakeUpstream upstream;

    @Autowired
    TestSigningKey key;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void heal() {
        upstream.clearFaults();
    }

    @AfterAll
    static void stop() {
        SLOW.close();
    }

    @Test
    @Order(1)
    void publishedReleaseShouldShowWhenEachFileWasSignedAndHaveStoredEachFileBeforeItsSignature() throws Exception {
        RecordPuts.KEYS.clear();
        publish("8000.2.0", Map.of(IMAGE, image(1), KERNEL, MirrorFixture.random(20_000, 2)));

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("8000.2.0");
        JsonNode artifacts = http.get("/channels/stable/current").json().path("artifacts");
        assertThat(artifacts.valueStream().map(file -> file.path("name").asString()))
                .containsExactlyInAnyOrder("version.txt", IMAGE, KERNEL);
        assertThat(artifacts.valueStream()).allSatisfy(file -> assertThat(Instant.parse(file.path("signedAt").asString()))
                .as("signedAt of %s", file.path("name").asString())
                .isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now()));
        for (String file : List.of("version.txt", IMAGE, KERNEL)) {
            String key = "stable/amd64-usr/8000.2.0/" + file;
            assertThat(RecordPuts.KEYS).as("object store puts").contains(key, key + ".sig");
            assertThat(RecordPuts.KEYS.indexOf(key)).as("%s becomes visible before its .sig", file)
                    .isLessThan(RecordPuts.KEYS.indexOf(key + ".sig"));
        }
    }

    @Test
    @Order(2)
    void oldSignedImageInANewVersionDirectoryShouldBeRefusedAsReleaseMismatchWithoutDownloadingIt() throws Exception {
        byte[] old = image(3);
        FakeUpstream.Release release = upstream.publishRelease("stable", BOARD, "8000.2.1", OLD, Map.of(IMAGE, old), true);
        upstream.put(release.path(IMAGE + ".sig"), OLD.sign(old, SignatureOptions.defaults().withCreated(Instant.now().minus(Duration.ofDays(90)))));
        upstream.clearRequests();

        scheduler.pollNow("stable");

        assertRejected("8000.2.1", "release_mismatch");
        assertThat(releaseJson("8000.2.1").path("failureDetail").asString()).contains(IMAGE).contains("mirror.signing.release-window");
        assertThat(upstream.count("GET", release.path(IMAGE))).as("the image itself is never downloaded").isZero();
    }

    @Test
    @Order(3)
    void signatureFileWithMoreThanFourSignaturesShouldBeRefusedBeforeTheImageIsDownloaded() throws Exception {
        byte[] body = image(4);
        FakeUpstream.Release release = publish("8000.2.2", Map.of(IMAGE, body));
        byte[] one = key.sign(body);
        ByteArrayOutputStream five = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            five.writeBytes(one);
        }
        upstream.put(release.path(IMAGE + ".sig"), five.toByteArray());
        upstream.clearRequests();

        scheduler.pollNow("stable");

        assertRejected("8000.2.2", "malformed_signature");
        assertThat(upstream.count("GET", release.path(IMAGE))).as("the image itself is never downloaded").isZero();
    }

    @Test
    @Order(4)
    void oversizedAndMalformedValidatorsShouldBeIgnoredAndNeverStopTheRelease() throws Exception {
        FakeUpstream.Release release = publish("8000.2.3", Map.of(IMAGE, image(5), KERNEL, MirrorFixture.random(20_000, 50)));
        upstream.fault(release.currentPath("version.txt"), new Fault.Headers(Map.of(
                "ETag", "\"" + "e".repeat(2000) + "\"",
                "Last-Modified", "not a date, and far too long for any column: " + "x".repeat(200))));

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("8000.2.3");
        assertThat(history("stable").get(0).path("outcome").asString()).isEqualTo("published");
        upstream.clearRequests();
        scheduler.pollNow("stable");
        assertThat(upstream.requests()).filteredOn(request -> request.path().equals(release.currentPath("version.txt")))
                .singleElement().satisfies(request -> {
                    assertThat(request.header("If-None-Match")).as("the unusable ETag is not sent back").isEmpty();
                    assertThat(request.header("If-Modified-Since")).isEmpty();
                });
    }

    @Test
    @Order(5)
    void catalogThatRefusesThePublishShouldLeaveAFailureInTheHistoryAndTheMetrics() throws Exception {
        jdbc.execute("""
                create function refuse_publish() returns trigger language plpgsql as $$
                begin
                  if new.state = 'PUBLISHED' and new.version = '8000.2.4' then
                    raise exception 'the test refuses to publish %', new.version;
                  end if;
                  return new;
                end $$""");
        jdbc.execute("create trigger refuse_publish before update on mirror_release for each row execute function refuse_publish()");
        try {
            publish("8000.2.4", Map.of(IMAGE, image(6), KERNEL, MirrorFixture.random(20_000, 60)));

            scheduler.pollNow("stable");

            assertThat(current()).isEqualTo("8000.2.3");
            JsonNode event = history("stable").get(0);
            assertThat(event.path("outcome").asString()).isEqualTo("failed");
            assertThat(event.path("reason").asString()).isEqualTo("catalog_error");
            assertThat(event.path("version").asString()).isEqualTo("8000.2.4");
            assertThat(event.path("detail").asString()).contains("the test refuses to publish");
            assertThat(releaseJson("8000.2.4").path("state").asString()).isEqualTo("FAILED");
            assertThat(scrape()).contains("flatcar_mirror_polls_total{board=\"amd64-usr\",channel=\"stable\",outcome=\"catalog_error\"} 1.0");
            assertThat(get("/stable/amd64-usr/8000.2.3/" + IMAGE).statusCode()).isEqualTo(200);
        } finally {
            jdbc.execute("drop trigger refuse_publish on mirror_release");
            jdbc.execute("drop function refuse_publish()");
        }
        scheduler.pollNow("stable");
        assertThat(current()).isEqualTo("8000.2.4");
    }

    @Test
    @Order(6)
    void fileThatEarlierReleasesHadShouldNotBeGivenUpAfterOne404() throws Exception {
        FakeUpstream.Release release = publish("8000.2.5", Map.of(IMAGE, image(7), KERNEL, MirrorFixture.random(20_000, 8)));
        upstream.fault(release.path(KERNEL), new Fault.Status(404), 1);
        upstream.fault(release.path(KERNEL + ".sig"), new Fault.Status(404), 1);

        scheduler.pollNow("stable");

        assertThat(current()).as("not published without the kernel after a single 404").isEqualTo("8000.2.4");
        JsonNode event = history("stable").get(0);
        assertThat(event.path("reason").asString()).isEqualTo("missing_file");
        assertThat(event.path("file").asString()).isEqualTo(KERNEL);

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("8000.2.5");
        assertThat(artifactState("8000.2.5", KERNEL)).isEqualTo("VERIFIED");
        assertThat(get("/stable/amd64-usr/8000.2.5/" + KERNEL).body()).isEqualTo(release.bytes(KERNEL));
        assertThat(artifactState("8000.2.5", INITRD)).as("a file no release of the board ever had does not hold it up").isEqualTo("ABSENT");
    }

    @Test
    @Order(7)
    void fileThatEarlierReleasesHadShouldBeGivenUpOnlyAfterTwo404sAPollApart() throws Exception {
        publish("8000.2.6", Map.of(IMAGE, image(9)));

        scheduler.pollNow("stable");
        assertThat(current()).isEqualTo("8000.2.5");

        scheduler.pollNow("stable");
        assertThat(current()).isEqualTo("8000.2.6");
        assertThat(artifactState("8000.2.6", KERNEL)).isEqualTo("ABSENT");
    }

    @Test
    @Order(8)
    void absentFileOfAReleaseThatFailedShouldBeLookedForAgainOnTheNextPoll() throws Exception {
        FakeUpstream.Release release = publish("8000.2.7", Map.of(IMAGE, image(10), KERNEL, MirrorFixture.random(20_000, 11)));
        upstream.fault(release.path(IMAGE), new Fault.Status(404), 1);
        upstream.fault(release.path(IMAGE + ".sig"), new Fault.Status(404), 1);
        upstream.fault(release.path(KERNEL), new Fault.Corrupt(100));

        scheduler.pollNow("stable");
        assertThat(releaseJson("8000.2.7").path("failureReason").asString()).isIn("bad_signature", "missing_file");
        upstream.clearFaults();

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("8000.2.7");
        assertThat(artifactState("8000.2.7", IMAGE)).isEqualTo("VERIFIED");
        assertThat(get("/stable/amd64-usr/8000.2.7/" + IMAGE).body()).isEqualTo(release.bytes(IMAGE));
    }

    @Test
    @Order(9)
    void quarantinedFileOfAnUnpublishedReleaseShouldBeFetchedAgainRatherThanSkipped() throws Exception {
        FakeUpstream.Release release = publish("8000.2.8", Map.of(IMAGE, image(12), KERNEL, MirrorFixture.random(20_000, 13)));
        upstream.fault(release.path(KERNEL), new Fault.Corrupt(100));
        scheduler.pollNow("stable");
        assertThat(artifactState("8000.2.8", IMAGE)).isEqualTo("VERIFIED");
        Path stored = mirror.storage().resolve("stable/amd64-usr/8000.2.8/" + IMAGE);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[0] ^= 1;
        Files.write(stored, bytes);
        assertThat(http.admin().post("/admin/reverify").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "QUARANTINED".equals(artifactState("8000.2.8", IMAGE)));
        upstream.clearFaults();

        scheduler.pollNow("stable");

        assertThat(current()).isEqualTo("8000.2.8");
        assertThat(artifactState("8000.2.8", IMAGE)).isEqualTo("VERIFIED");
        assertThat(get("/stable/amd64-usr/8000.2.8/" + IMAGE).body()).isEqualTo(release.bytes(IMAGE));
    }

    @Test
    @Order(10)
    void statusLineAndHeadersDrippedAByteAtATimeShouldEndAtTheDeadlineAndFreeTheBoard() throws Exception {
        String pointer = "/beta/amd64-usr/current/version.txt";
        upstream.fault(pointer, new Fault.Redirect(SLOW.baseUrl() + pointer, 302));
        long started = System.nanoTime();
        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> pollQuietly("beta"));
        long channels = timed(() -> assertThat(get("/channels").statusCode()).isEqualTo(200));

        poll.get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofMillis(channels)).as("/channels while beta's upstream drips").isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        JsonNode event = history("beta").get(0);
        assertThat(event.path("reason").asString()).isEqualTo("deadline");
        assertThat(event.path("file").asString()).isEqualTo("version.txt");
        CompletableFuture.runAsync(() -> pollQuietly("beta")).get(20, TimeUnit.SECONDS);
        assertThat(SLOW.connections()).as("each poll reached the dripping server").isGreaterThanOrEqualTo(2);
        assertThat(current()).as("stable is untouched").isEqualTo("8000.2.8");
    }

    private FakeUpstream.Release publish(String version, Map<String, byte[]> files) {
        return mirror.publish("stable/" + BOARD, version, files);
    }

    private static byte[] image(long seed) {
        return MirrorFixture.random(100_000, seed);
    }

    private void assertRejected(String version, String reason) {
        JsonNode release = releaseJson(version);
        assertThat(release.path("state").asString()).isEqualTo("FAILED");
        assertThat(release.path("failureReason").asString()).isEqualTo(reason);
        assertThat(history("stable").get(0).path("reason").asString()).isEqualTo(reason);
        assertThat(current()).isNotEqualTo(version);
        for (String file : List.of(IMAGE, IMAGE + ".sig", "version.txt")) {
            assertThat(get("/stable/amd64-usr/" + version + "/" + file).statusCode()).as(file).isEqualTo(404);
        }
        assertThat(mirror.storage().resolve("stable/amd64-usr/" + version + "/" + IMAGE)).doesNotExist();
        assertThat(get("/channels").statusCode()).isEqualTo(200);
    }

    private String artifactState(String version, String file) {
        return releaseJson(version).path("artifacts").valueStream()
                .filter(artifact -> artifact.path("name").asString().equals(file))
                .map(artifact -> artifact.path("state").asString()).findFirst().orElse(null);
    }

    private JsonNode releaseJson(String version) {
        return http.get("/channels/stable/releases/" + version).json();
    }

    private String current() {
        MirrorHttp.Response response = http.get("/channels/stable/current");
        return response.statusCode() == 404 ? null : response.json().path("version").asString();
    }

    private List<JsonNode> history(String channel) {
        return http.get("/channels/" + channel + "/history").json().valueStream().toList();
    }

    private String scrape() {
        return http.get("/actuator/prometheus").text();
    }

    private MirrorHttp.Response get(String path) {
        return http.withTimeout(Duration.ofSeconds(10)).get(path);
    }

    private void pollQuietly(String channel) {
        try {
            scheduler.pollNow(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    private static long timed(Check check) throws Exception {
        long started = System.nanoTime();
        check.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
