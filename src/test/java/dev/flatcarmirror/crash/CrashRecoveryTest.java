package dev.flatcarmirror.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.MirrorProcess;
import dev.flatcarmirror.testsupport.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kill -9 at awkward moments, then a restart on the same database and object store: the catalog
 * and the store agree, no partial file is ever served, leftovers are cleaned, and the interrupted
 * release completes. The application runs in a separate JVM so the kill is real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    private static final Duration START = Duration.ofSeconds(120);

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream UPSTREAM = MIRROR.upstream();
    static final Map<String, String> PROPERTIES = properties();
    static final Path LOGS = Path.of("target", "crash-test");

    @AfterAll
    static void stop() {
        MIRROR.close();
    }

    @Test
    @Order(1)
    void killDuringDownloadShouldLeaveNothingServedAndCompleteAfterRestart() throws Exception {
        FakeUpstream.Release release = MIRROR.publish("stable/amd64-usr", "5000.2.0",
                Map.of(IMAGE, MirrorFixture.random(3_000_000, 1), KERNEL, MirrorFixture.random(100_000, 2)));
        UPSTREAM.fault(release.path(IMAGE), new Fault.Stall(Duration.ofMinutes(5)));

        try (MirrorProcess mirror = MirrorProcess.start(PROPERTIES, LOGS.resolve("download-1.log")).awaitReady(START)) {
            // The image's request reaching upstream means its staging file exists (version.txt's is gone again at once).
            await().atMost(Duration.ofSeconds(60)).until(() -> UPSTREAM.count("GET", release.path(IMAGE)) > 0 && !stagingFiles().isEmpty());
            mirror.kill();
        }
        assertThat(stagingFiles()).as("the kill left a partial download behind").isNotEmpty();
        assertThat(MIRROR.storage().resolve("stable/amd64-usr/5000.2.0/" + IMAGE)).doesNotExist();
        UPSTREAM.clearFaults();

        try (MirrorProcess mirror = MirrorProcess.start(PROPERTIES, LOGS.resolve("download-2.log")).awaitReady(START)) {
            assertThat(stagingFiles()).as("leftovers are removed at start-up").isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> "5000.2.0".equals(current(mirror)));
            assertThat(mirror.get("/stable/amd64-usr/5000.2.0/" + IMAGE).body()).isEqualTo(release.bytes(IMAGE));
            assertConsistent(mirror);
        }
    }

    @Test
    @Order(2)
    void killsAtRandomMomentsOfASyncShouldNeverLeaveCatalogAndStoreDisagreeing() throws Exception {
        FakeUpstream.Release release = MIRROR.publish("stable/amd64-usr", "5000.2.1",
                Map.of(IMAGE, MirrorFixture.random(4_000_000, 3), KERNEL, MirrorFixture.random(1_000_000, 4)));
        UPSTREAM.fault(release.path(IMAGE), new Fault.Drip(Duration.ofMillis(1)), 1);
        Random moments = new Random(42);
        for (int round = 0; round < 2; round++) {
            try (MirrorProcess mirror = MirrorProcess.start(PROPERTIES, LOGS.resolve("random-" + round + ".log")).awaitReady(START)) {
                Thread.sleep(200 + moments.nextInt(1500));
                mirror.kill();
            }
        }

        try (MirrorProcess mirror = MirrorProcess.start(PROPERTIES, LOGS.resolve("random-final.log")).awaitReady(START)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "5000.2.1".equals(current(mirror)));
            assertThat(mirror.get("/stable/amd64-usr/5000.2.1/" + KERNEL).body()).isEqualTo(release.bytes(KERNEL));
            assertConsistent(mirror);
        }
    }

    /** Every file the catalog calls verified is in the store, byte for byte; nothing is staged. */
    @SuppressWarnings("unchecked")
    private void assertConsistent(MirrorProcess mirror) throws Exception {
        assertThat(stagingFiles()).isEmpty();
        List<Map<String, Object>> releases = mirror.get("/channels/stable/releases").json(List.class);
        for (Map<String, Object> release : releases) {
            for (Map<String, Object> artifact : (List<Map<String, Object>>) release.get("artifacts")) {
                if (!"VERIFIED".equals(artifact.get("state"))) {
                    continue;
                }
                Path stored = MIRROR.storage().resolve("stable/amd64-usr/" + release.get("version") + "/" + artifact.get("name"));
                assertThat(stored).exists();
                assertThat(sha256(Files.readAllBytes(stored))).isEqualTo(artifact.get("sha256"));
                if ("PUBLISHED".equals(release.get("state"))) {
                    assertThat(mirror.get((String) artifact.get("url")).statusCode()).isEqualTo(200);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private String current(MirrorProcess mirror) {
        MirrorHttp.Response response = mirror.get("/channels/stable/current");
        return response.statusCode() == 200 ? (String) response.json(Map.class).get("version") : null;
    }

    /** Downloads staged in any writer's folder; the folders and their lock files are the store's own. */
    private static List<Path> stagingFiles() throws Exception {
        Path staging = MIRROR.storage().resolve(".staging");
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>(PostgresTestDatabase.freshSchema());
        properties.putAll(MIRROR.properties());
        properties.put("mirror.download.read-timeout", "10m");
        // A kill leaves the board's lock row to expire: the restarted process takes the board over at its first
        // poll after that (in production within mirror.lock.timeout plus a poll interval).
        properties.put("mirror.lock.timeout", "5s");
        properties.put("mirror.poll-interval", "1s");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.flatcarmirror", "INFO");
        return properties;
    }


    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
