package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An LTS upstream as Flatcar lays it out: {@code lts-info} listing two supported yearly streams (and an unsupported one
 * that is never looked at), {@code current/} and {@code current-2024/} on the same release, {@code current-2023/} on an
 * older one. Each stream is polled, verified and served on its own; a replayed pointer in one stream is refused while the
 * others move on; a stream lts-info stops supporting is no longer polled but still served, and retention keeps its release.
 */
@MirrorApplicationTest(isolated = true, boards = "lts/amd64-usr", beforeStart = LtsStreamsTest.KeepOne.class,
        properties = {"mirror.retention.delete-delay=0s", "mirror.metrics.refresh-interval=200ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LtsStreamsTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String BOARD = "amd64-usr";
    static final String NEWEST = "4081.3.1";
    static final String OLD_2023 = "3510.3.7";

    /** keep = 1: only the current releases survive retention, so a stream's current one is kept for being current. */
    public static class KeepOne implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.channelSetting("retention.keep", "1");
        }
    }

    @Autowired
    MirrorFixture mirror;

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    MeterRegistry meters;

    @Test
    @Order(1)
    void givenLtsInfoWithTwoSupportedStreamsWhenPolledThenEachStreamShouldBePublishedAndServedByRedirect() throws Exception {
        mirror.upstream().ltsInfo("lts", "2605:2021:unsupported", "3510:2023:supported", "4081:2024:supported");
        FakeUpstream.Release newest = publish(NEWEST, 1, "current", "current-2024");
        FakeUpstream.Release old = publish(OLD_2023, 2, "current-2023");

        scheduler.pollNow("lts");

        assertThat(current(null).path("version").asString()).isEqualTo(NEWEST);
        assertThat(current("current-2024").path("version").asString()).isEqualTo(NEWEST);
        assertThat(current("current-2023").path("version").asString()).isEqualTo(OLD_2023);
        assertThat(current("current-2023").path("artifacts").get(0).path("url").asString())
                .isEqualTo("/lts/amd64-usr/" + OLD_2023 + "/" + IMAGE);
        assertRedirect("current-2023", IMAGE, OLD_2023, old.bytes(IMAGE));
        assertRedirect("current-2023", IMAGE + ".sig", OLD_2023, old.bytes(IMAGE + ".sig"));
        assertRedirect("current-2024", IMAGE, NEWEST, newest.bytes(IMAGE));
        assertRedirect("current", IMAGE, NEWEST, newest.bytes(IMAGE));
        assertThat(mirror.upstream().count("GET", newest.path(IMAGE)))
                .as("one release two streams point to is downloaded once").isEqualTo(1);
        assertThat(mirror.upstream().count("GET", "/lts/amd64-usr/current-2021/version.txt"))
                .as("a stream lts-info lists as unsupported is never polled").isZero();
        assertThat(meters.get("flatcar_mirror_stream_polls").tags("channel", "lts", "board", BOARD, "stream", "current-2023",
                "outcome", "rollback").counter().count()).as("the stream's failure series exist from its first poll").isZero();

        JsonNode streams = http.get("/channels/lts").json().path("streams");
        assertThat(streams.valueStream().map(stream -> stream.path("stream").asString())).containsExactly("current-2023", "current-2024");
        assertThat(streams.valueStream().map(stream -> stream.path("current").asString())).containsExactly(OLD_2023, NEWEST);
        assertThat(streams.valueStream().map(stream -> stream.path("supported").asBoolean())).containsOnly(true);
        assertThat(streams.get(0).path("freshness").path("state").asString()).isEqualTo("FRESH");

        JsonNode health = http.admin().get("/actuator/health").json().path("components").path("channels").path("details")
                .path("lts").path(BOARD);
        assertThat(health.path("state").asString()).isEqualTo("FRESH");
        assertThat(health.path("streams").path("current-2023").path("currentVersion").asString()).isEqualTo(OLD_2023);
        assertThat(health.path("streams").path("current-2023").path("state").asString()).isEqualTo("FRESH");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.get("flatcar_mirror_stream_current_version.info")
                    .tags("channel", "lts", "board", BOARD, "stream", "current-2023", "version", OLD_2023).gauge().value()).isEqualTo(1);
            assertThat(meters.get("flatcar_mirror_stream_state")
                    .tags("channel", "lts", "board", BOARD, "stream", "current-2024", "state", "fresh").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    @Order(2)
    void givenPublishedStreamsThenTheListingsShouldShowThemAsDirectoriesThatStandForTheirVersion() {
        JsonNode board = http.get("/lts/amd64-usr/", "Accept", "application/json").json();
        assertThat(board.valueStream().map(entry -> entry.path("Name").asString()))
                .startsWith("current", "current-2023", "current-2024").contains(NEWEST, OLD_2023);
        assertThat(board.get(1).path("URL").asString()).isEqualTo("/lts/amd64-usr/current-2023/");
        JsonNode files = http.get("/lts/amd64-usr/current-2023/", "Accept", "application/json").json();
        assertThat(files.valueStream().map(entry -> entry.path("URL").asString()))
                .contains("/lts/amd64-usr/current-2023/" + IMAGE, "/lts/amd64-usr/current-2023/" + IMAGE + ".sig");
        MirrorHttp.Response page = http.get("/lts/amd64-usr/current-2023/", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/lts/amd64-usr/" + OLD_2023 + "/");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(http.get("/lts/amd64-usr/current-2021/", "Accept", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void givenAStreamTheMirrorDoesNotFollowWhenAskedForThenA404ProblemShouldNameIt() {
        MirrorHttp.Response api = http.get("/channels/lts/current?stream=current-2021");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.json().path("title").asString()).isEqualTo("Unknown stream");
        assertThat(api.json().path("detail").asString()).contains("'current-2021'", "[current, current-2023, current-2024]");
        assertThat(http.get("/channels/lts/current?stream=current-24").statusCode()).isEqualTo(404);
        MirrorHttp.Response file = http.get("/lts/amd64-usr/current-2021/" + IMAGE);
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(file.json().path("detail").asString()).contains("'current-2021'");
    }

    @Test
    @Order(4)
    void givenAReplayedOlderPointerInOneStreamWhenPolledThenItShouldBeRefusedAsRollbackWhileTheOtherStreamsAdvance() throws Exception {
        publish("3510.3.8", 3, "current-2023");
        scheduler.pollNow("lts");
        assertThat(current("current-2023").path("version").asString()).isEqualTo("3510.3.8");

        // A replay of the older, genuinely signed 2023 pointer, while current/ and current-2024/ move to a new release.
        mirror.upstream().pointStream(mirror.upstream().release("lts", BOARD, OLD_2023), "current-2023");
        publish("4081.3.2", 4, "current", "current-2024");
        double rollbacks = rollbacks("current-2023");
        scheduler.pollNow("lts");

        assertThat(current("current-2023").path("version").asString()).as("the replay is refused").isEqualTo("3510.3.8");
        assertThat(current("current-2024").path("version").asString()).isEqualTo("4081.3.2");
        assertThat(current(null).path("version").asString()).isEqualTo("4081.3.2");
        JsonNode stream2023 = stream("current-2023");
        assertThat(stream2023.path("lastError").path("reason").asString()).isEqualTo(SyncReason.ROLLBACK.code());
        assertThat(stream("current-2024").path("lastError").isMissingNode()).isTrue();
        JsonNode refused = http.get("/channels/lts/history").json().valueStream()
                .filter(event -> event.path("outcome").asString().equals("rejected")).findFirst().orElseThrow();
        assertThat(refused.path("reason").asString()).isEqualTo("rollback");
        assertThat(refused.path("detail").asString()).startsWith("stream current-2023: ").contains(OLD_2023, "3510.3.8");
        assertThat(rollbacks("current-2023")).isEqualTo(rollbacks + 1);
        assertThat(http.get("/channels/lts").json().path("lastError").isMissingNode())
                .as("current/ itself is fine").isTrue();
    }

    @Test
    @Order(5)
    void givenAStreamOfTheWrongStageWhenPolledThenItShouldBeRefusedAsChannelMismatch() throws Exception {
        publish("3510.2.9", 5, "current-2023");

        scheduler.pollNow("lts");

        assertThat(current("current-2023").path("version").asString()).isEqualTo("3510.3.8");
        assertThat(stream("current-2023").path("lastError").path("reason").asString()).isEqualTo(SyncReason.CHANNEL_MISMATCH.code());
    }

    @Test
    @Order(6)
    void givenLtsInfoThatCannotBeReadWhenPolledThenTheStreamsFollowedSoFarShouldStay() throws Exception {
        mirror.upstream().fault("/lts/lts-info", new FakeUpstream.Fault.Status(500));
        publish("3510.3.10", 6, "current-2023");

        scheduler.pollNow("lts");
        mirror.upstream().clearFaults();

        assertThat(current("current-2023").path("version").asString()).isEqualTo("3510.3.10");
        assertThat(stream("current-2023").path("supported").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void givenLtsInfoNoLongerSupportingAStreamWhenPolledThenItShouldNotBePolledButStillServedAndKept() throws Exception {
        mirror.upstream().ltsInfo("lts", "2605:2021:unsupported", "3510:2023:unsupported", "4081:2024:supported");
        FakeUpstream.Release last2023 = mirror.upstream().release("lts", BOARD, "3510.3.10");
        publish("3510.3.11", 7, "current-2023");

        mirror.upstream().clearRequests();
        scheduler.pollNow("lts");

        assertThat(mirror.upstream().count("GET", "/lts/amd64-usr/current-2023/version.txt")).as("no longer polled").isZero();
        assertThat(mirror.upstream().count("GET", "/lts/amd64-usr/current-2024/version.txt")).isEqualTo(1);
        assertThat(current("current-2023").path("version").asString()).as("still served").isEqualTo("3510.3.10");
        assertRedirect("current-2023", IMAGE, "3510.3.10", last2023.bytes(IMAGE));
        JsonNode stream2023 = stream("current-2023");
        assertThat(stream2023.path("supported").asBoolean()).isFalse();
        assertThat(stream2023.path("unsupportedSince").asString()).isNotEmpty();
        assertThat(stream2023.path("freshness").isMissingNode()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.get("flatcar_mirror_stream_supported")
                .tags("channel", "lts", "board", BOARD, "stream", "current-2023").gauge().value()).isZero());
        assertThat(http.admin().get("/actuator/health").json().path("components").path("channels").path("details").path("lts")
                .path(BOARD).path("streams").path("current-2023").path("supported").asBoolean(true)).isFalse();

        JsonNode plan = http.admin().get("/admin/retention/plan").json().path("boards").get(0);
        assertThat(plan.path("kept").valueStream().filter(kept -> kept.path("reason").asString().equals("current"))
                .map(kept -> kept.path("version").asString())).containsExactlyInAnyOrder("4081.3.2", "3510.3.10");
        assertThat(plan.path("prune").valueStream().map(prune -> prune.path("version").asString()))
                .contains(OLD_2023, "3510.3.8", NEWEST).doesNotContain("3510.3.10");
        assertThat(http.admin().post("/admin/retention/run").statusCode()).isEqualTo(200);
        assertRedirect("current-2023", IMAGE, "3510.3.10", last2023.bytes(IMAGE));
    }

    private FakeUpstream.Release publish(String version, long seed, String... streams) {
        FakeUpstream.Release release = mirror.upstream().publishRelease("lts", BOARD, version, mirror.key(),
                Map.of(IMAGE, MirrorFixture.random(50_000, seed)), false);
        for (String stream : streams) {
            mirror.upstream().pointStream(release, stream);
        }
        return release;
    }

    private JsonNode current(String stream) {
        MirrorHttp.Response response = http.get("/channels/lts/current" + (stream == null ? "" : "?stream=" + stream));
        assertThat(response.statusCode()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private JsonNode stream(String name) {
        return http.get("/channels/lts").json().path("streams").valueStream()
                .filter(stream -> stream.path("stream").asString().equals(name)).findFirst().orElseThrow();
    }

    private void assertRedirect(String stream, String file, String version, byte[] expected) {
        MirrorHttp.Response redirect = http.get("/lts/amd64-usr/" + stream + "/" + file);
        assertThat(redirect.statusCode()).as("GET %s/%s: %s", stream, file, redirect.text()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/lts/amd64-usr/" + version + "/" + file);
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(http.get(location).body()).isEqualTo(expected);
    }

    private double rollbacks(String stream) {
        var counter = meters.find("flatcar_mirror_stream_polls")
                .tags("channel", "lts", "board", BOARD, "stream", stream, "outcome", "rollback").counter();
        return counter == null ? 0 : counter.count();
    }
}
