package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * Downloads of one channel that drip for hours must not hold every download slot: a channel with work always gets
 * one, while {@code mirror.download.concurrency} still bounds how many one channel runs at once. Here stable's three
 * boards drip from the moment the application starts (their start-up polls), with the default two slots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mirror.download.concurrency=2",
        // The drips are slow on purpose; only the per-file deadline (and the end of the test) stops them.
        "mirror.download.min-rate=0",
        "mirror.download.read-timeout=5s",
        "mirror.download.file-deadline=90s"})
class FairDownloadSlotsTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final List<String> STABLE_BOARDS = List.of("amd64-usr", "arm64-usr", "riscv-usr");

    static final MirrorFixture MIRROR = new MirrorFixture().channel("stable", STABLE_BOARDS.toArray(String[]::new)).channel("beta", "amd64-usr");
    static final FakeUpstream UPSTREAM = MIRROR.upstream();

    static {
        for (String board : STABLE_BOARDS) {
            FakeUpstream.Release release = UPSTREAM.publishRelease("stable", board, "9300.2.0", MIRROR.key(),
                    Map.of(IMAGE, MirrorFixture.random(100_000, board.hashCode())), true);
            UPSTREAM.fault(release.path(IMAGE), new Fault.Drip(Duration.ofMillis(20)));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    DownloadProgress progress;

    @Autowired
    ObjectMapper json;

    @AfterAll
    static void stop() {
        // Ends the drips, and with them the stable polls.
        MIRROR.close();
    }

    @Test
    void channelWithWorkShouldGetASlotWhileAnotherChannelDripsOnAllOfItsOwn() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.under("stable/").size() == 2);
        Thread.sleep(1500);
        assertThat(progress.under("stable/")).as("stable's third board waits: the cap bounds one channel's downloads").hasSize(2);

        UPSTREAM.publishRelease("beta", "amd64-usr", "9301.1.0", MIRROR.key(), Map.of(IMAGE, MirrorFixture.random(100_000, 5)), true);
        long started = System.nanoTime();
        CompletableFuture.runAsync(() -> {
            try {
                scheduler.pollNow("beta");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("beta's poll, download and publish").isLessThan(Duration.ofSeconds(10));
        assertThat(currentOf("beta")).isEqualTo("9301.1.0");
        assertThat(progress.under("stable/")).as("stable's downloads were still dripping all along").hasSize(2);
    }

    private String currentOf(String channel) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/channels/" + channel + "/current")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 404 ? null : (String) json.readValue(response.body(), Map.class).get("version");
    }
}
