package dev.flatcarmirror.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * On the real clock, with the test's hour-long poll interval: an internal channel moves to a soaked release when its
 * soak ends, not at the next round of the schedule an hour later.
 */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@MirrorApplicationTest(isolated = true, properties = {
        "mirror.internal-channels[0].name=prod",
        "mirror.internal-channels[0].follows=stable",
        "mirror.internal-channels[0].soak=3s"})
class SoakEndTest {

    @Test
    @Order(1)
    void givenASoakShorterThanThePollIntervalThenTheChannelShouldAdvanceWhenItEnds(MirrorFixture mirror, @Autowired MirrorHttp http,
            @Autowired PollScheduler scheduler) throws Exception {
        mirror.publish("stable/amd64-usr", "4100.2.0", Map.of("flatcar_production_image.bin.bz2", MirrorFixture.random(1000, 3)));
        scheduler.pollNow("stable");

        JsonNode policy = http.get("/channels/prod").json().path("policy").path("amd64-usr");
        assertThat(policy.path("state").asString()).isEqualTo("soaking");
        Instant until = Instant.parse(policy.path("until").asString());
        assertThat(http.get("/channels/prod/current").statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo("4100.2.0"));
        JsonNode advanced = http.admin().get("/admin/audit?channel=prod").json().get(0);
        assertThat(advanced.path("action").asString()).isEqualTo("advanced");
        assertThat(Instant.parse(advanced.path("at").asString())).as("moved when the soak ended")
                .isAfterOrEqualTo(until).isBefore(until.plusSeconds(3));
    }

    /** While held, no soak end is waited for; the unhold itself must make the schedule wait for the next one. */
    @Test
    @Order(2)
    void givenANewerReleaseSoakingWhenTheChannelIsUnheldThenItShouldAdvanceWhenThatSoakEnds(MirrorFixture mirror,
            @Autowired MirrorHttp http, @Autowired PollScheduler scheduler) throws Exception {
        assertThat(operate(http, "hold", "a soak that ends while held").statusCode()).isEqualTo(200);
        publish(mirror, scheduler, "4100.2.1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                http.get("/channels/prod").json().path("policy").path("amd64-usr").path("candidate").asString()).isEqualTo("4100.2.1"));
        Thread.sleep(3_500);
        publish(mirror, scheduler, "4100.2.2");

        JsonNode unheld = operate(http, "unhold", "the incident is over").json();

        assertThat(unheld.path("control").path("currentVersion").asString()).as("soaked while held: taken at once").isEqualTo("4100.2.1");
        assertThat(unheld.path("policy").path("state").asString()).isEqualTo("soaking");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get("/channels/prod/current").json().path("version").asString()).isEqualTo("4100.2.2"));
    }

    private static void publish(MirrorFixture mirror, PollScheduler scheduler, String version) throws Exception {
        mirror.publish("stable/amd64-usr", version, Map.of("flatcar_production_image.bin.bz2", MirrorFixture.random(1000, 4)));
        scheduler.pollNow("stable");
    }

    private static MirrorHttp.Response operate(MirrorHttp http, String operation, String reason) {
        return http.admin().postJson("/admin/channels/prod/" + operation, "{\"reason\": \"" + reason + "\"}");
    }
}
