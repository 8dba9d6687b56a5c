package dev.flatcarmirror.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Garbage collection on the running application: an orphan older than the protection time goes, a younger one
 * and every referenced object stay, pruned releases' files included until retention deletes them; staging
 * left by a writer that is gone goes too.
 */
@MirrorApplicationTest(isolated = true, beforeStart = GarbageCollectionTest.KeepOne.class, properties = {
        "mirror.gc.protection=24h",
        "mirror.retention.delete-delay=1h"})
class GarbageCollectionTest {

    static final String IMAGE = "flatcar_production_image.bin.bz2";

    /** keep=1, with the fixture's channel list. */
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

    @Test
    void anOldOrphanShouldGoWhileYoungOrphansAndReferencedObjectsStay() throws Exception {
        for (String version : List.of("5000.2.0", "5000.2.1")) {
            mirror.publish("stable/amd64-usr", version, Map.of(IMAGE, MirrorFixture.random(50_000, 1)));
            scheduler.pollNow("stable");
        }
        // keep=1 and an hour's delete delay: 5000.2.0 is pruned, its files still referenced.
        assertThat(admin("POST", "/admin/retention/run").toString()).contains("5000.2.0");
        Path storage = mirror.storage();
        List<Path> referenced = objects(storage);
        Instant old = Instant.now().minus(Duration.ofDays(3));
        for (Path object : referenced) {
            Files.setLastModifiedTime(object, FileTime.from(old));
        }
        Path oldOrphan = write(storage.resolve("stable/amd64-usr/4999.2.0/" + IMAGE), old);
        Path youngOrphan = write(storage.resolve("stable/amd64-usr/5000.2.2/" + IMAGE), Instant.now().minus(Duration.ofHours(1)));
        String dead = UUID.randomUUID().toString();
        Files.createDirectories(storage.resolve(".staging/" + dead));
        Path leftover = Files.write(storage.resolve(".staging/" + dead + "/download-1.part"), new byte[10]);
        Files.createFile(storage.resolve(".staging/" + dead + ".lock"));

        JsonNode plan = admin("GET", "/admin/gc/plan");
        assertThat(plan.path("removed").valueStream().map(orphan -> orphan.path("key").asString()))
                .containsExactly("stable/amd64-usr/4999.2.0/" + IMAGE);
        assertThat(oldOrphan).as("the plan changes nothing").exists();

        JsonNode report = admin("POST", "/admin/gc/run");

        assertThat(report.path("removed").valueStream().map(orphan -> orphan.path("key").asString()))
                .containsExactly("stable/amd64-usr/4999.2.0/" + IMAGE);
        assertThat(report.path("removedBytes").asLong()).isEqualTo(3);
        assertThat(report.path("protectedOrphans").valueStream().map(orphan -> orphan.path("key").asString()))
                .containsExactly("stable/amd64-usr/5000.2.2/" + IMAGE);
        assertThat(report.path("staging").valueStream().map(JsonNode::asString)).anySatisfy(file -> assertThat(file).contains(dead));
        assertThat(oldOrphan).doesNotExist();
        assertThat(oldOrphan.getParent()).as("its empty directory went with it").doesNotExist();
        assertThat(youngOrphan).exists();
        assertThat(leftover).doesNotExist();
        assertThat(referenced).isNotEmpty().allSatisfy(object -> assertThat(object).exists());
        assertThat(referenced).anySatisfy(object -> assertThat(object.toString()).contains("5000.2.0"));
        assertThat(http.get("/stable/amd64-usr/5000.2.1/" + IMAGE).statusCode()).isEqualTo(200);
    }

    private static Path write(Path file, Instant modified) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[3]);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static List<Path> objects(Path storage) throws Exception {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(Files::isRegularFile).filter(file -> !storage.relativize(file).toString().startsWith(".")).toList();
        }
    }

    private JsonNode admin(String method, String path) {
        MirrorHttp.Response response = method.equals("POST") ? http.admin().post(path) : http.admin().get(path);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.text()).isEqualTo(200);
        return response.json();
    }
}
