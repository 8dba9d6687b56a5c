package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.TestSigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The meters as Prometheus sees them: the real application syncs a release from a fake upstream,
 * serves a file, and {@code /actuator/prometheus} is scraped over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mirror.metrics.refresh-interval=200ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndpointTest {

    private static final Logger log = LoggerFactory.getLogger(PrometheusEndpointTest.class);

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    private static final byte[] IMAGE_BYTES = MirrorFixture.random(300_000, 11);
    private static final byte[] KERNEL_BYTES = MirrorFixture.random(40_000, 12);
    private static final int RANGE_BYTES = 1000;

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final TestSigningKey KEY = MIRROR.key();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();
    static final FakeUpstream.Release RELEASE =
            UPSTREAM.publishRelease("stable", "amd64-usr", "1000.2.0", KEY, Map.of(IMAGE, IMAGE_BYTES, KERNEL, KERNEL_BYTES), true);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    private final HttpClient http = HttpClient.newHttpClient();
    private Instant syncedBefore;
    private PrometheusScrape scrape;

    @BeforeAll
    void syncServeAndScrape() throws Exception {
        scheduler.pollNow("stable");
        syncedBefore = Instant.now();
        assertThat(send(get("/stable/amd64-usr/1000.2.0/" + IMAGE)).statusCode()).isEqualTo(200);
        assertThat(send(get("/stable/amd64-usr/1000.2.0/" + IMAGE).header("Range", "bytes=0-" + (RANGE_BYTES - 1))).statusCode())
                .isEqualTo(206);
        assertThat(send(get("/stable/amd64-usr/1000.2.0/" + IMAGE).method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(200);
        assertThat(send(get("/stable/amd64-usr/1000.2.0/no-such-file")).statusCode()).isEqualTo(404);
        assertThat(send(get("/unmirrored/amd64-usr/1000.2.0/" + IMAGE)).statusCode()).isEqualTo(404);

        scrape = await().atMost(Duration.ofSeconds(20)).until(this::scrape, scrape ->
                !scrape.named("flatcar_mirror_current_version_info").isEmpty()
                        && scrape.value("flatcar_mirror_storage_used_bytes") >= IMAGE_BYTES.length + KERNEL_BYTES.length);
        log.info("The flatcar_mirror_ lines of /actuator/prometheus after the sync:\n{}", scrape.flatcarLines());
    }

    @AfterAll
    void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void currentVersionShouldBeAnInfoMetricAndTheOnlyOneWithAVersionLabel() {
        assertThat(scrape.types()).containsEntry("flatcar_mirror_current_version_info", "gauge");
        assertThat(scrape.sample("flatcar_mirror_current_version_info", "channel", "stable", "board", "amd64-usr").labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "stable", "board", "amd64-usr", "version", "1000.2.0"));
        assertThat(scrape.value("flatcar_mirror_current_version_info", "version", "1000.2.0")).isEqualTo(1.0);
        assertThat(scrape.samples())
                .filteredOn(sample -> !sample.name().equals("flatcar_mirror_current_version_info"))
                .allSatisfy(sample -> assertThat(sample.labels().values())
                        .as("labels of %s", sample.name())
                        .doesNotContain("1000.2.0")
                        .noneMatch(value -> value.contains(IMAGE)));
    }

    @Test
    void lastSuccessfulSyncShouldBeTheTimeOfTheSyncInSecondsSinceTheEpoch() {
        double seconds = scrape.value("flatcar_mirror_last_successful_sync_timestamp_seconds", "channel", "stable", "board", "amd64-usr");

        assertThat(seconds).isPositive().isLessThanOrEqualTo(syncedBefore.toEpochMilli() / 1000.0)
                .isCloseTo(syncedBefore.getEpochSecond(), within(120.0));
    }

    @Test
    void syncCountersShouldCountThePublishedReleaseItsArtifactsAndTheirBytes() {
        assertThat(scrape.types()).containsEntry("flatcar_mirror_polls_total", "counter");
        assertThat(scrape.value("flatcar_mirror_polls_total", "channel", "stable", "board", "amd64-usr", "outcome", "published"))
                .isEqualTo(1.0);
        assertThat(scrape.named("flatcar_mirror_polls_total"))
                .as("the poll at start-up and the test's poll, whichever came second finding nothing new")
                .allSatisfy(sample -> assertThat(sample.labels().get("outcome")).isIn("published", "up_to_date", "not_modified"));
        assertThat(scrape.value("flatcar_mirror_releases_published_total", "channel", "stable", "board", "amd64-usr"))
                .isEqualTo(1.0);
        assertThat(scrape.value("flatcar_mirror_artifacts_downloaded_total", "channel", "stable", "board", "amd64-usr"))
                .isEqualTo(2.0);
        assertThat(scrape.value("flatcar_mirror_download_duration_seconds_count", "channel", "stable", "board", "amd64-usr",
                "outcome", "verified")).isEqualTo(2.0);
        assertThat(scrape.value("flatcar_mirror_download_duration_seconds_count", "channel", "stable", "board", "amd64-usr",
                "outcome", "absent")).as("the initrd is not published upstream").isEqualTo(1.0);
        assertThat(scrape.value("flatcar_mirror_downloaded_bytes_total", "channel", "stable", "board", "amd64-usr"))
                .isEqualTo(IMAGE_BYTES.length + KERNEL_BYTES.length);
        assertThat(scrape.value("flatcar_mirror_downloads_in_progress")).isZero();
    }

    @Test
    void servedBytesShouldCountTheBodiesOfGetsOfMirroredFilesOnly() {
        assertThat(scrape.value("flatcar_mirror_served_bytes_total", "channel", "stable", "board", "amd64-usr"))
                .as("one whole GET and one ranged GET; not the HEAD, not the 404")
                .isEqualTo(IMAGE_BYTES.length + RANGE_BYTES);
        assertThat(scrape.named("flatcar_mirror_served_bytes_total"))
                .as("a channel that is not mirrored never becomes a tag value")
                .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("channel", "stable"));
    }

    @Test
    void storageGaugesShouldCoverTheStoredFilesAndTheFreeSpace() {
        long stored = IMAGE_BYTES.length + KERNEL_BYTES.length + RELEASE.bytes("version.txt").length
                + RELEASE.bytes(IMAGE + ".sig").length + RELEASE.bytes(KERNEL + ".sig").length + RELEASE.bytes("version.txt.sig").length;

        assertThat(scrape.value("flatcar_mirror_storage_used_bytes")).isEqualTo(stored);
        assertThat(scrape.value("flatcar_mirror_storage_free_bytes")).isPositive();
    }

    @Test
    void freshnessGaugesShouldShowTheBoardFreshAndTheChannelNotStale() {
        assertThat(scrape.value("flatcar_mirror_board_state", "channel", "stable", "board", "amd64-usr", "state", "fresh")).isEqualTo(1.0);
        for (String other : new String[] {"pending", "failing", "stale"}) {
            assertThat(scrape.value("flatcar_mirror_board_state", "channel", "stable", "board", "amd64-usr", "state", other))
                    .as(other).isZero();
        }
        assertThat(scrape.value("flatcar_mirror_channel_stale", "channel", "stable")).isZero();
    }

    @Test
    void scrapeShouldPassPromtoolCheckMetricsWhenPromtoolIsInstalled() throws Exception {
        Optional<String> output = scrape.promtoolCheck();

        // Without promtool, parse() has already checked the format: every line a sample, HELP or TYPE.
        output.ifPresent(text -> assertThat(text).doesNotContain("error"));
    }

    private PrometheusScrape scrape() throws Exception {
        HttpResponse<String> response = http.send(get("/actuator/prometheus").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return PrometheusScrape.parse(response.body());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

}
