package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code mirror.channels[i].streams} set: exactly those streams are followed, and lts-info is not even read. */
@MirrorApplicationTest(boards = "lts/amd64-usr", beforeStart = ConfiguredStreamsTest.Only2023.class)
class ConfiguredStreamsTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";

    public static class Only2023 implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.channelSetting("streams", "current,current-2023");
        }
    }

    @Autowired
    MirrorFixture mirror;

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Test
    void givenAConfiguredListWhenPolledThenOnlyItsStreamsShouldBeFollowedWhateverLtsInfoSays() throws Exception {
        mirror.upstream().ltsInfo("lts", "3510:2023:supported", "4081:2024:supported");
        FakeUpstream.Release newest = release("4081.3.1", 1);
        mirror.upstream().pointStream(newest, "current");
        mirror.upstream().pointStream(newest, "current-2024");
        mirror.upstream().pointStream(release("3510.3.7", 2), "current-2023");

        scheduler.pollNow("lts");

        assertThat(http.get("/channels/lts/current?stream=current-2023").json().path("version").asString()).isEqualTo("3510.3.7");
        assertThat(http.get("/channels/lts/current").json().path("version").asString()).isEqualTo("4081.3.1");
        assertThat(http.get("/channels/lts/current?stream=current-2024").statusCode()).isEqualTo(404);
        assertThat(mirror.upstream().count("GET", "/lts/amd64-usr/current-2024/version.txt")).isZero();
        assertThat(mirror.upstream().count("GET", "/lts/lts-info")).as("lts-info is not read").isZero();
    }

    private FakeUpstream.Release release(String version, long seed) {
        return mirror.upstream().publishRelease("lts", "amd64-usr", version, mirror.key(),
                Map.of(IMAGE, MirrorFixture.random(20_000, seed)), false);
    }
}
