package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Downloads of one channel that drip for hours must not hold every download slot: a channel with work always gets
 * one, while {@code mirror.download.concurrency} still bounds how many one channel runs at once. Here stable's three
 * boards drip from the moment the application starts (their start-up polls), with the default two slots.
 */
@MirrorApplicationTest(boards = {"stable/amd64-usr", "stable/arm64-usr", "stable/riscv-usr", "beta/amd64-usr"},
        beforeStart = FairDownloadSlotsTest.StableDrips.class, isolated = true, properties = {
                "mirror.download.concurrency=2",
                // The drips are slow on purpose; only the per-file deadline stops them, well after the test.
                "mirror.download.min-rate=0",
                "mirror.download.read-timeout=5s",
                "mirror.download.file-deadline=60s"})
class FairDownloadSlotsTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final List<String> STABLE_BOARDS = List.of("amd64-usr", "arm64-usr", "riscv-usr");

    static class StableDrips implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            for (String board : STABLE_BOARDS) {
                FakeUpstream.Release release = fixture.publish("stable/" + board, "9300.2.0",
                        Map.of(IMAGE, MirrorFixture.random(100_000, board.hashCode())));
                fixture.upstream().fault(release.path(IMAGE), new Fault.Drip(Duration.ofMillis(20)));
            }
        }
    }

    @Autowired
    PollScheduler scheduler;

    @Autowired
    DownloadProgress progress;

    @Test
    void channelWithWorkShouldGetASlotWhileAnotherChannelDripsOnAllOfItsOwn(MirrorFixture mirror, MirrorHttp http) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.under("stable/").size() == 2);
        Thread.sleep(1500);
        assertThat(progress.under("stable/")).as("stable's third board waits: the cap bounds one channel's downloads").hasSize(2);

        mirror.publish("beta/amd64-usr", "9301.1.0", Map.of(IMAGE, MirrorFixture.random(100_000, 5)));
        long started = System.nanoTime();
        CompletableFuture.runAsync(() -> {
            try {
                scheduler.pollNow("beta");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("beta's poll, download and publish").isLessThan(Duration.ofSeconds(10));
        assertThat(http.get("/channels/beta/current").json().path("version").asString()).isEqualTo("9301.1.0");
        assertThat(progress.under("stable/")).as("stable's downloads were still dripping all along").hasSize(2);
    }
}
