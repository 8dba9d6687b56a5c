package dev.flatcarmirror.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Retention on the running application over HTTP: keep+3 published releases, the dry run names the 3 oldest,
 * the pass removes them from the catalog, the store and HTTP while the current and kept ones are still served,
 * and a client that was downloading one of them when it was pruned gets every byte. Then a failed release,
 * once abandoned, goes with the file it had stored. {@link S3RetentionTest} runs the same against S3.
 */
@MirrorApplicationTest(isolated = true, beforeStart = RetentionTest.KeepTwo.class, properties = {
        "mirror.retention.delete-delay=0s",
        "mirror.retention.abandoned-after=2s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionTest {

    static final int KEEP = 2;
    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final List<String> VERSIONS = List.of("4000.2.0", "4000.2.1", "4000.2.2", "4000.2.3", "4000.2.4");

    /** {@code mirror.channels[0].retention.keep}, which has to come with the fixture's channel list. */
    public static class KeepTwo implements MirrorApplicationTest.BeforeStart {
        @Override
        public void prepare(MirrorFixture fixture) {
            fixture.channelSetting("retention.keep", String.valueOf(KEEP));
        }
    }

    private final Map<String, FakeUpstream.Release> releases = new LinkedHashMap<>();

    @Autowired
    MirrorFixture mirror;

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    MeterRegistry meters;

    private final HttpClient streaming = HttpClient.newHttpClient();

    /** The store's copy of a key, or null when it holds none. */
    byte[] stored(String key) throws Exception {
        var path = mirror.storage().resolve(key);
        return Files.exists(path) ? Files.readAllBytes(path) : null;
    }

    @Test
    @Order(1)
    void theDryRunShouldNameTheOldestBeyondKeepAndThePassShouldRemoveThemWhileAnOpenDownloadCompletes() throws Exception {
        for (int i = 0; i < VERSIONS.size(); i++) {
            String version = VERSIONS.get(i);
            // The oldest image is large, so that its download is still streaming when the release is pruned.
            byte[] image = MirrorFixture.random(i == 0 ? 12_000_000 : 200_000, 100 + i);
            releases.put(version, mirror.publish("stable/amd64-usr", version, Map.of(IMAGE, image)));
            scheduler.pollNow("stable");
        }
        List<String> pruned = VERSIONS.subList(0, VERSIONS.size() - KEEP);
        List<String> kept = VERSIONS.subList(VERSIONS.size() - KEEP, VERSIONS.size());

        JsonNode plan = board(admin("GET", "/admin/retention/plan"));

        assertThat(versions(plan.path("prune"))).containsExactlyInAnyOrderElementsOf(pruned);
        assertThat(plan.path("prune").valueStream().map(entry -> entry.path("reason").asString())).containsOnly("beyond_keep");
        assertThat(plan.path("prune").get(0).path("detail").asString()).contains("keep is 2");
        assertThat(versions(plan.path("kept"))).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(plan.path("kept").valueStream().map(entry -> entry.path("reason").asString())).contains("current", "within_keep");
        assertThat(versions(plan.path("delete"))).as("no delay: deleted in the same pass").containsExactlyInAnyOrderElementsOf(pruned);
        assertThat(stored(key(VERSIONS.get(0), IMAGE))).as("the dry run changes nothing").isNotNull();

        String oldest = VERSIONS.get(0);
        HttpResponse<InputStream> downloading = streaming.send(http.request(path(oldest, IMAGE)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = downloading.body();
        byte[] start = body.readNBytes(64 * 1024);

        JsonNode run = board(admin("POST", "/admin/retention/run"));

        assertThat(versions(run.path("prune"))).containsExactlyInAnyOrderElementsOf(pruned);
        assertThat(versions(run.path("delete"))).containsExactlyInAnyOrderElementsOf(pruned);
        byte[] rest = body.readAllBytes();
        body.close();
        assertThat(concat(start, rest)).as("the download under way when its release was pruned").isEqualTo(releases.get(oldest).bytes(IMAGE));
        for (String version : pruned) {
            assertThat(http.get(path(version, IMAGE)).statusCode()).as("GET of pruned %s", version).isEqualTo(404);
            assertThat(http.get("/channels/stable/releases/" + version).statusCode()).as("catalog entry of pruned %s", version).isEqualTo(404);
            for (String file : List.of("version.txt", "version.txt.sig", IMAGE, IMAGE + ".sig")) {
                assertThat(stored(key(version, file))).as("%s of pruned %s in the store", file, version).isNull();
            }
        }
        assertThat(versions(http.get("/channels/stable/releases").json())).containsExactlyInAnyOrderElementsOf(kept);
        for (String version : kept) {
            for (String file : List.of(IMAGE, IMAGE + ".sig", "version.txt")) {
                assertThat(http.get(path(version, file)).body())
                        .as("%s of kept %s", file, version).isEqualTo(releases.get(version).bytes(file));
            }
        }
        JsonNode history = http.get("/channels/stable/history").json();
        assertThat(history.valueStream().filter(event -> event.path("outcome").asString().equals("pruned"))
                .map(event -> event.path("version").asString())).containsExactlyInAnyOrderElementsOf(pruned);
        assertThat(meters.get("flatcar_mirror_releases_pruned").tags("channel", "stable", "board", "amd64-usr").counter().count())
                .isEqualTo(pruned.size());
        long prunedBytes = pruned.stream().mapToLong(version -> releases.get(version).files().entrySet().stream()
                .filter(file -> !file.getKey().contains("DIGESTS")).mapToLong(file -> file.getValue().length).sum()).sum();
        assertThat(meters.get("flatcar_mirror_pruned_bytes").tags("channel", "stable", "board", "amd64-usr").counter().count())
                .isEqualTo(prunedBytes);
        assertThat(versions(board(admin("GET", "/admin/retention/plan")).path("prune"))).as("nothing left to prune").isEmpty();
    }

    @Test
    @Order(2)
    void aFailedReleaseShouldBePrunedWithTheFilesItStoredOnceAbandoned() throws Exception {
        FakeUpstream.Release broken = mirror.publish("stable/amd64-usr", "4000.2.9", Map.of(IMAGE, MirrorFixture.random(100_000, 9)));
        mirror.upstream().fault(broken.path(IMAGE), new FakeUpstream.Fault.Corrupt(10));
        scheduler.pollNow("stable");
        mirror.upstream().clearFaults();
        assertThat(stored(key("4000.2.9", "version.txt"))).as("stored before the image failed").isNotNull();
        assertThat(board(admin("GET", "/admin/retention/plan")).path("kept").valueStream()
                .filter(kept -> kept.path("version").asString().equals("4000.2.9")).map(kept -> kept.path("reason").asString()))
                .containsExactly("recent_attempt");

        Thread.sleep(2500);
        JsonNode run = board(admin("POST", "/admin/retention/run"));

        assertThat(versions(run.path("prune"))).containsExactly("4000.2.9");
        assertThat(run.path("prune").get(0).path("reason").asString()).isEqualTo("abandoned");
        assertThat(run.path("prune").get(0).path("state").asString()).isEqualTo("FAILED");
        assertThat(stored(key("4000.2.9", "version.txt"))).isNull();
        assertThat(http.get("/channels/stable/releases/4000.2.9").statusCode()).isEqualTo(404);
        assertThat(http.get("/channels/stable/current").json().path("version").asString()).isEqualTo(VERSIONS.get(VERSIONS.size() - 1));
    }

    private JsonNode board(JsonNode answer) {
        JsonNode boards = answer.path("boards");
        assertThat(boards).hasSize(1);
        return boards.get(0);
    }

    private static List<String> versions(JsonNode entries) {
        List<String> versions = new ArrayList<>();
        entries.forEach(entry -> versions.add(entry.path("version").asString()));
        return versions;
    }

    static String key(String version, String file) {
        return "stable/amd64-usr/" + version + "/" + file;
    }

    private static String path(String version, String file) {
        return "/" + key(version, file);
    }

    private JsonNode admin(String method, String path) {
        MirrorHttp.Response response = method.equals("POST") ? http.admin().post(path) : http.admin().get(path);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.text()).isEqualTo(200);
        return response.json();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
