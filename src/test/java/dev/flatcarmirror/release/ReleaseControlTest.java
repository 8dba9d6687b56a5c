package dev.flatcarmirror.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Release control on the running application, over HTTP, with days passing on an injected clock: {@code prod} follows
 * {@code stable} with a 7-day soak, {@code gate} follows it with approval. Each step checks the JSON API, the 302 of
 * {@code current/}, the bytes served under the internal channel's name (the stable release's own objects), the listing
 * and the audit log.
 */
@MirrorApplicationTest(isolated = true, properties = {
        "mirror.internal-channels[0].name=prod",
        "mirror.internal-channels[0].follows=stable",
        "mirror.internal-channels[0].soak=7d",
        "mirror.internal-channels[1].name=gate",
        "mirror.internal-channels[1].follows=stable",
        "mirror.internal-channels[1].approval=true"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseControlTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String OLD = "4000.2.0";
    static final String NEW = "4000.2.1";

    @TestConfiguration(proxyBeanMethods = false)
    static class TimeTravel {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    MirrorFixture mirror;

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    ReleaseControlSchedule schedule;

    @Autowired
    MutableClock clock;

    @Autowired
    Clock applicationClock;

    @Autowired
    MeterRegistry meters;

    private Map<String, byte[]> oldFiles;

    @Test
    @Order(1)
    void aNewReleaseShouldSoakForSevenDaysBeforeTheInternalChannelServesIt() throws Exception {
        assertThat(applicationClock).as("the application runs on the test's clock").isSameAs(clock);
        oldFiles = mirror.publish("stable/amd64-usr", OLD, Map.of(IMAGE, MirrorFixture.random(50_000, 1))).files();
        scheduler.pollNow("stable");
        schedule.tick();

        assertThat(http.get("/channels/stable/current").json().path("version").asString()).isEqualTo(OLD);
        assertThat(http.get("/channels/prod/current").statusCode()).as("nothing has soaked yet").isEqualTo(404);
        JsonNode policy = http.get("/channels/prod").json().path("policy").path("amd64-usr");
        Instant published = Instant.parse(http.get("/channels/stable/current").json().path("publishedAt").asString());
        assertThat(policy.path("state").asString()).isEqualTo("soaking");
        assertThat(policy.path("candidate").asString()).isEqualTo(OLD);
        assertThat(Instant.parse(policy.path("until").asString())).isEqualTo(published.plus(Duration.ofDays(7)));
        assertThat(policy.path("summary").asString()).isEqualTo("following stable, soaking " + OLD + " until "
                + published.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS));

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        schedule.tick();
        assertThat(http.get("/channels/prod/current").statusCode()).as("a minute before the soak ends").isEqualTo(404);

        clock.advance(Duration.ofMinutes(2));
        schedule.tick();

        JsonNode current = http.get("/channels/prod/current").json();
        assertThat(current.path("version").asString()).isEqualTo(OLD);
        assertThat(current.path("channel").asString()).isEqualTo("prod");
        assertThat(current.path("policy").path("state").asString()).isEqualTo("up_to_date");
        assertThat(current.path("artifacts").get(0).path("url").asString()).isEqualTo("/prod/amd64-usr/" + OLD + "/" + IMAGE);
        assertThat(redirect("/prod/amd64-usr/current/" + IMAGE)).isEqualTo("/prod/amd64-usr/" + OLD + "/" + IMAGE);
        double servedBefore = servedBytes("prod");
        assertThat(http.get("/prod/amd64-usr/" + OLD + "/" + IMAGE).body()).as("the stable release's stored bytes").isEqualTo(oldFiles.get(IMAGE));
        awaitServedBytes("prod", servedBefore + oldFiles.get(IMAGE).length);
        JsonNode advanced = audit("prod").get(0);
        assertThat(advanced.path("action").asString()).isEqualTo("advanced");
        assertThat(advanced.path("actor").asString()).isEqualTo("system");
        assertThat(advanced.path("before").isNull()).isTrue();
        assertThat(advanced.path("after").asString()).isEqualTo(OLD);
        assertThat(meters.get("flatcar_mirror_channel_last_advanced_age").tags("channel", "prod", "board", "amd64-usr").gauge().value())
                .isBetween(0.0, 60.0);
    }

    @Test
    @Order(2)
    void whileANewerReleaseSoaksTheChannelShouldKeepServingTheOlderOneAndListBoth() throws Exception {
        mirror.publish("stable/amd64-usr", NEW, Map.of(IMAGE, MirrorFixture.random(50_000, 2)));
        scheduler.pollNow("stable");
        schedule.tick();

        assertThat(http.get("/channels/stable/current").json().path("version").asString()).isEqualTo(NEW);
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo(OLD);
        assertThat(http.get("/channels/prod/current").json().path("policy").path("candidate").asString()).isEqualTo(NEW);
        assertThat(redirect("/prod/amd64-usr/current/" + IMAGE)).isEqualTo("/prod/amd64-usr/" + OLD + "/" + IMAGE);
        JsonNode listing = http.get("/prod/amd64-usr/", "Accept", "application/json").json();
        assertThat(listing.valueStream().map(entry -> entry.path("URL").asString()).toList()).containsExactly(
                "/prod/amd64-usr/current/", "/prod/amd64-usr/" + NEW + "/", "/prod/amd64-usr/" + OLD + "/");
        assertThat(http.get("/prod/amd64-usr/current/", "Accept", "application/json").json().valueStream()
                .map(entry -> entry.path("URL").asString())).contains("/prod/amd64-usr/current/" + IMAGE);
        JsonNode channels = http.get("/channels").json();
        assertThat(channels.valueStream().filter(channel -> channel.path("name").asString().equals("prod"))
                .map(channel -> channel.path("current").path("amd64-usr").asString())).containsExactly(OLD);
        String stream = http.get("/streams/prod.json").text();
        assertThat(stream).as("stream metadata of the internal channel").contains("\"release\":\"" + OLD + "\"")
                .contains("/prod/amd64-usr/" + OLD + "/" + IMAGE).doesNotContain(NEW);
        assertThat(http.get("/channels/prod/releases").json().valueStream()
                .filter(release -> release.path("current").asBoolean()).map(release -> release.path("version").asString()))
                .containsExactly(OLD);
    }

    @Test
    @Order(3)
    void aHeldChannelShouldNotAdvanceAndUnholdShouldLetItMoveAtOnce() throws Exception {
        JsonNode held = operation("hold", "{\"reason\":\"incident 42 under way\"}").json();

        assertThat(held.path("policy").path("state").asString()).isEqualTo("held");
        assertThat(held.path("policy").path("summary").asString()).startsWith("held since ").contains("by admin: incident 42 under way");
        assertThat(meters.get("flatcar_mirror_channel_held").tags("channel", "prod", "board", "amd64-usr").gauge().value()).isEqualTo(1.0);
        String scrape = http.get("/actuator/prometheus").text();
        assertThat(scrape).contains("# HELP flatcar_mirror_channel_held ", "# TYPE flatcar_mirror_channel_held gauge",
                "flatcar_mirror_channel_held{board=\"amd64-usr\",channel=\"prod\"} 1.0",
                "flatcar_mirror_channel_held{board=\"amd64-usr\",channel=\"gate\"} 0.0",
                "flatcar_mirror_channel_pinned{board=\"amd64-usr\",channel=\"prod\"} 0.0",
                "flatcar_mirror_channel_last_advanced_age_seconds{board=\"amd64-usr\",channel=\"prod\"} ",
                "flatcar_mirror_channel_last_advanced_age_seconds{board=\"amd64-usr\",channel=\"gate\"} NaN");
        clock.advance(Duration.ofDays(8));
        schedule.tick();
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).as("held past the soak").isEqualTo(OLD);
        assertThat(redirect("/prod/amd64-usr/current/" + IMAGE)).isEqualTo("/prod/amd64-usr/" + OLD + "/" + IMAGE);

        JsonNode unheld = operation("unhold", "{\"reason\":\"incident 42 closed\"}").json();

        assertThat(unheld.path("control").path("currentVersion").asString()).isEqualTo(NEW);
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo(NEW);
        assertThat(redirect("/prod/amd64-usr/current/" + IMAGE)).isEqualTo("/prod/amd64-usr/" + NEW + "/" + IMAGE);
        assertThat(meters.get("flatcar_mirror_channel_held").tags("channel", "prod", "board", "amd64-usr").gauge().value()).isEqualTo(0.0);
        List<JsonNode> entries = audit("prod").valueStream().limit(3).toList();
        assertThat(entries).extracting(entry -> entry.path("action").asString()).containsExactly("advanced", "unheld", "held");
        assertThat(entries.get(2).path("actor").asString()).isEqualTo("admin");
        assertThat(entries.get(2).path("reason").asString()).isEqualTo("incident 42 under way");
        assertThat(entries.get(2).path("before").asString()).isEqualTo(OLD);
        assertThat(entries.get(2).path("after").asString()).isEqualTo(OLD);
        assertThat(entries.get(0).path("before").asString()).isEqualTo(OLD);
        assertThat(entries.get(0).path("after").asString()).isEqualTo(NEW);
    }

    @Test
    @Order(4)
    void aPinShouldWinOverThePolicyUntilUnpinned() throws Exception {
        JsonNode pinned = operation("pin", "{\"board\":\"amd64-usr\",\"version\":\"" + OLD + "\",\"reason\":\"passed the fleet tests\"}").json();

        assertThat(pinned.path("policy").path("summary").asString()).startsWith("pinned to " + OLD);
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo(OLD);
        assertThat(redirect("/prod/amd64-usr/current/" + IMAGE)).isEqualTo("/prod/amd64-usr/" + OLD + "/" + IMAGE);
        assertThat(meters.get("flatcar_mirror_channel_pinned").tags("channel", "prod", "board", "amd64-usr").gauge().value()).isEqualTo(1.0);
        schedule.tick();
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).as("a tick leaves the pin").isEqualTo(OLD);

        operation("unpin", "{\"reason\":\"new tests passed\"}");

        assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo(NEW);
        JsonNode unpin = audit("prod").get(0);
        assertThat(unpin.path("action").asString()).isEqualTo("unpinned");
        assertThat(unpin.path("before").asString()).isEqualTo(OLD);
        assertThat(unpin.path("after").asString()).isEqualTo(NEW);
    }

    @Test
    @Order(5)
    void rollbackShouldGoToAnOlderReleaseAndHoldTheChannelThere() throws Exception {
        assertThat(operation("rollback", "{\"version\":\"" + NEW + "\",\"reason\":\"same\"}").statusCode())
                .as("not older than current").isEqualTo(409);

        JsonNode rolledBack = operation("rollback", "{\"version\":\"" + OLD + "\",\"reason\":\"kernel panic on our hardware\"}").json();

        assertThat(rolledBack.path("policy").path("state").asString()).isEqualTo("held");
        assertThat(rolledBack.path("policy").path("held").path("reason").asString()).isEqualTo("rolled back: kernel panic on our hardware");
        schedule.tick();
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo(OLD);
        assertThat(redirect("/prod/amd64-usr/current/" + IMAGE)).isEqualTo("/prod/amd64-usr/" + OLD + "/" + IMAGE);
        JsonNode entry = audit("prod").get(0);
        assertThat(entry.path("action").asString()).isEqualTo("rolled_back");
        assertThat(entry.path("before").asString()).isEqualTo(NEW);
        assertThat(entry.path("after").asString()).isEqualTo(OLD);
    }

    @Test
    @Order(6)
    void aChannelWithApprovalShouldServeOnlyPromotedReleases() throws Exception {
        schedule.tick();
        assertThat(http.get("/channels/gate/current").statusCode()).as("nothing promoted").isEqualTo(404);
        assertThat(http.get("/channels/gate").json().path("policy").path("amd64-usr").path("summary").asString())
                .isEqualTo("following stable, " + NEW + " awaits promotion");

        JsonNode promoted = operation("gate", "promote", "{\"version\":\"" + OLD + "\",\"reason\":\"QA sign-off\"}").json();

        assertThat(promoted.path("control").path("currentVersion").asString()).isEqualTo(OLD);
        assertThat(redirect("/gate/amd64-usr/current/" + IMAGE)).isEqualTo("/gate/amd64-usr/" + OLD + "/" + IMAGE);
        assertThat(audit("gate").valueStream().map(entry -> entry.path("action").asString()).toList()).containsExactly("advanced", "promoted");
        assertThat(operation("promote", "{\"version\":\"" + NEW + "\",\"reason\":\"x\"}").statusCode())
                .as("prod has no approval step").isEqualTo(409);
    }

    @Test
    @Order(7)
    void badRequestsShouldBeProblemsNamingWhatIsWrong() {
        MirrorHttp.Response noReason = operation("hold", "{\"board\":\"amd64-usr\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(noReason.json().path("detail").asString()).contains("\"reason\"");
        assertThat(operation("unhold", "").statusCode()).as("no body at all").isEqualTo(400);
        assertThat(operation("pin", "{\"reason\":\"no version\"}").statusCode()).isEqualTo(400);

        MirrorHttp.Response unknownVersion = operation("pin", "{\"version\":\"9999.2.0\",\"reason\":\"r\"}");
        assertThat(unknownVersion.statusCode()).isEqualTo(404);
        assertThat(unknownVersion.json().path("detail").asString()).contains("9999.2.0");
        assertThat(operation("nightly", "hold", "{\"reason\":\"r\"}").statusCode()).isEqualTo(404);
        assertThat(operation("hold", "{\"board\":\"arm64-usr\",\"reason\":\"r\"}").statusCode()).isEqualTo(404);
        MirrorHttp.Response mirrored = operation("stable", "hold", "{\"reason\":\"r\"}");
        assertThat(mirrored.statusCode()).isEqualTo(409);
        assertThat(mirrored.json().path("detail").asString()).contains("mirror.internal-channels");
        assertThat(http.get("/prod/amd64-usr/3999.2.0/" + IMAGE).statusCode()).as("not a release of stable").isEqualTo(404);
    }

    @Test
    @Order(8)
    void withoutCredentialsEveryOperationAndTheAuditShouldBeRefused() {
        for (String op : List.of("hold", "unhold", "pin", "unpin", "promote", "rollback")) {
            MirrorHttp.Response response = http.send(http.request("/admin/channels/prod/" + op)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"r\"}")));
            assertThat(response.statusCode()).as(op).isEqualTo(401);
        }
        assertThat(http.get("/admin/audit").statusCode()).isEqualTo(401);
        assertThat(http.get("/channels/prod/current").json().path("version").asString()).as("nothing changed").isEqualTo(OLD);
    }

    private MirrorHttp.Response operation(String op, String body) {
        return operation("prod", op, body);
    }

    private MirrorHttp.Response operation(String channel, String op, String body) {
        return http.admin().postJson("/admin/channels/" + channel + "/" + op, body);
    }

    private JsonNode audit(String channel) {
        return http.admin().get("/admin/audit?channel=" + channel).json();
    }

    private String redirect(String path) {
        MirrorHttp.Response response = http.get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The body may reach the client a moment before the served-bytes filter, which runs after it, counts it. */
    private void awaitServedBytes(String channel, double expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (servedBytes(channel) < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(servedBytes(channel)).as("served bytes under the internal channel's name").isEqualTo(expected);
    }

    private double servedBytes(String channel) {
        return meters.get("flatcar_mirror_served_bytes").tags("channel", channel, "board", "amd64-usr").counter().count();
    }
}
