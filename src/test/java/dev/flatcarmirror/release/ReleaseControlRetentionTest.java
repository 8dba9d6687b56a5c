package dev.flatcarmirror.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Retention keeps what an internal channel uses: with {@code keep: 1} and no delete delay, a release {@code prod} is
 * pinned to survives a pass that prunes an unpinned release as old, and is still served under both names.
 */
@MirrorApplicationTest(isolated = true, beforeStart = ReleaseControlRetentionTest.KeepOne.class, properties = {
        "mirror.retention.delete-delay=0s",
        "mirror.internal-channels[0].name=prod",
        "mirror.internal-channels[0].follows=stable"})
class ReleaseControlRetentionTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";

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
    ReleaseControlSchedule schedule;

    @Test
    void aPinnedReleaseShouldSurviveARetentionPassThatPrunesAnOlderUnpinnedOne() throws Exception {
        byte[] pinnedImage = MirrorFixture.random(40_000, 7);
        mirror.publish("stable/amd64-usr", "4000.2.0", Map.of(IMAGE, MirrorFixture.random(40_000, 6)));
        scheduler.pollNow("stable");
        mirror.publish("stable/amd64-usr", "4000.2.1", Map.of(IMAGE, pinnedImage));
        scheduler.pollNow("stable");
        schedule.tick();
        MirrorHttp admin = http.admin();
        assertThat(admin.send(admin.request("/admin/channels/prod/pin").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"4000.2.1\",\"reason\":\"fleet certified\"}"))).statusCode())
                .isEqualTo(200);
        mirror.publish("stable/amd64-usr", "4000.2.2", Map.of(IMAGE, MirrorFixture.random(40_000, 8)));
        scheduler.pollNow("stable");

        JsonNode run = admin.post("/admin/retention/run").json().path("boards").get(0);

        assertThat(run.path("prune").valueStream().map(prune -> prune.path("version").asString())).containsExactly("4000.2.0");
        assertThat(run.path("kept").valueStream().filter(kept -> kept.path("version").asString().equals("4000.2.1"))
                .map(kept -> kept.path("reason").asString())).containsExactly("in_use");
        assertThat(http.get("/stable/amd64-usr/4000.2.0/" + IMAGE).statusCode()).as("unpinned and beyond keep").isEqualTo(404);
        assertThat(http.get("/prod/amd64-usr/4000.2.1/" + IMAGE).body()).isEqualTo(pinnedImage);
        assertThat(http.get("/stable/amd64-usr/4000.2.1/" + IMAGE).body()).isEqualTo(pinnedImage);
        assertThat(http.get("/prod/amd64-usr/current/" + IMAGE).headers().firstValue("Location").orElseThrow())
                .isEqualTo("/prod/amd64-usr/4000.2.1/" + IMAGE);
    }
}
