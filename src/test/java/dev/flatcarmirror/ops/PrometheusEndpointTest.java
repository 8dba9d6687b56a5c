package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The meters as Prometheus sees them: the real application syncs a release from a fake upstream,
 * serves a file, and {@code /actuator/prometheus} is scraped over HTTP.
 */
// Isolated: the counters are exact, and the start-up poll is part of what they count.
@MirrorApplicationTest(isolated = true, beforeStart = PrometheusEndpointTest.ReleasePublished.class,
        properties = "mirror.metrics.refresh-interval=200ms")
class PrometheusEndpointTest {

    private static final Logger log = LoggerFactory.getLogger(PrometheusEndpointTest.class);

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    private static final byte[] IMAGE_BYTES = MirrorFixture.random(300_000, 11);
    private static final byte[] KERNEL_BYTES = MirrorFixture.random(40_000, 12);
    private static final int RANGE_BYTES = 1000;

    /** Before the application starts, so its start-up poll may already find the release. */
    static class ReleasePublished implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.publish("stable/amd64-usr", "1000.2.0", Map.of(IMAGE, IMAGE_BYTES, KERNEL, KERNEL_BYTES));
        }
    }

    @Autowired
    MirrorHttp http;

    private FakeUpstream.Release release;
    private Instant syncedBefore;
    private PrometheusScrape scrape;

    @BeforeAll
    void syncServeAndScrape(FakeUpstream upstream, @Autowired PollScheduler scheduler) throws Exception {
        release = upstream.release("stable", "amd64-usr", "1000.2.0");
        scheduler.pollNow("stable");
        syncedBefore = Instant.now();
        assertThat(http.get("/stable/amd64-usr/1000.2.0/" + IMAGE).statusCode()).isEqualTo(200);
        assertThat(http.get("/stable/amd64-usr/1000.2.0/" + IMAGE, "Range", "bytes=0-" + (RANGE_BYTES - 1)).statusCode())
                .isEqualTo(206);
        assertThat(http.head("/stable/amd64-usr/1000.2.0/" + IMAGE).statusCode()).isEqualTo(200);
        assertThat(http.get("/stable/amd64-usr/1000.2.0/no-such-file").statusCode()).isEqualTo(404);
        assertThat(http.get("/unmirrored/amd64-usr/1000.2.0/" + IMAGE).statusCode()).isEqualTo(404);

        scrape = await().atMost(Duration.ofSeconds(20)).until(this::scrape, scrape ->
                !scrape.named("flatcar_mirror_current_version_info").isEmpty()
                        && scrape.value("flatcar_mirror_storage_used_bytes") >= IMAGE_BYTES.length + KERNEL_BYTES.length
                        // A streamed body is counted after its last byte went out, which the client may see first.
                        && scrape.value("flatcar_mirror_served_bytes_total", "channel", "stable", "board", "amd64-usr")
                                >= IMAGE_BYTES.length + RANGE_BYTES);
        log.info("The flatcar_mirror_ lines of /actuator/prometheus after the sync:\n{}", scrape.flatcarLines());
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
        assertThat(scrape.named("flatcar_mirror_polls_total")).filteredOn(sample -> sample.value() > 0)
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
        long stored = IMAGE_BYTES.length + KERNEL_BYTES.length + release.bytes("version.txt").length
                + release.bytes(IMAGE + ".sig").length + release.bytes(KERNEL + ".sig").length + release.bytes("version.txt.sig").length;

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
    void labelledCountersShouldExistAtZeroForEveryConfiguredBoardAndKnownReasonBeforeAnythingHappened() {
        // increase(...) > 0 only fires on a series that existed before the first failure.
        assertThat(scrape.text()).contains(
                "flatcar_mirror_verification_failures_total{board=\"amd64-usr\",channel=\"stable\",reason=\"bad_signature\"} 0.0");
        for (String reason : new String[] {"bad_signature", "key_revoked", "unknown_key", "digest_mismatch", "rollback", "release_mismatch"}) {
            assertThat(scrape.value("flatcar_mirror_verification_failures_total", "channel", "stable", "board", "amd64-usr", "reason", reason))
                    .as(reason).isZero();
        }
        for (String outcome : new String[] {"not_modified", "timeout", "deadline", "bad_signature", "catalog_error", "storage_error"}) {
            assertThat(scrape.value("flatcar_mirror_polls_total", "channel", "stable", "board", "amd64-usr", "outcome", outcome))
                    .as(outcome).isGreaterThanOrEqualTo(0);
        }
        for (String reason : new String[] {"changed_on_disk", "missing_on_disk", "repair_mismatch"}) {
            assertThat(scrape.value("flatcar_mirror_quarantined_files_total", "channel", "stable", "board", "amd64-usr", "reason", reason))
                    .as(reason).isZero();
        }
        assertThat(scrape.named("flatcar_mirror_verification_failures_total"))
                .as("only configured channels and boards become label values")
                .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("channel", "stable").containsEntry("board", "amd64-usr"));
    }

    @Test
    void scrapeShouldPassPromtoolCheckMetrics() throws Exception {
        assertThat(scrape.promtoolCheck()).doesNotContain("error");
    }

    private PrometheusScrape scrape() {
        MirrorHttp.Response response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return PrometheusScrape.parse(response.text());
    }
}
