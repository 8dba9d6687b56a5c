package dev.flatcarmirror.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorProcess;
import dev.flatcarmirror.testsupport.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the mirror, each a JVM of its own, on one PostgreSQL catalog and one object store, as two
 * replicas behind a Service: a new upstream release is downloaded by exactly one of them (counted on the
 * upstream's request log), both serve it byte for byte, and when the one downloading is killed with SIGKILL
 * mid-file, the other takes the board over once the lock has expired and finishes the release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReplicasContract {

    static final String IMAGE = "flatcar_production_image.bin.bz2";
    static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration START = Duration.ofSeconds(180);

    final MirrorFixture mirror = new MirrorFixture();
    final FakeUpstream upstream = mirror.upstream();
    private final Map<String, String> database = PostgresTestDatabase.freshSchema();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Path logs = Path.of("target", "replicas-test", getClass().getSimpleName());
    private MirrorProcess a;
    private MirrorProcess b;

    /** Where the store is, for one replica: the same directory for both, or the same bucket with staging of its own. */
    abstract Map<String, String> storage(String replica);

    Map<String, String> environment() {
        return Map.of();
    }

    /** The object as the store holds it, read behind the mirrors' backs. */
    abstract byte[] stored(String key) throws Exception;

    private MirrorProcess start(String replica) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(database);
        properties.putAll(mirror.properties());
        properties.putAll(storage(replica));
        properties.put("mirror.poll-interval", POLL_INTERVAL.toMillis() + "ms");
        properties.put("mirror.lock.timeout", LOCK_TIMEOUT.toSeconds() + "s");
        properties.put("mirror.download.read-timeout", "10m");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.dev.flatcarmirror", "INFO");
        return MirrorProcess.start(properties, environment(), logs.resolve(replica + ".log"));
    }

    @AfterAll
    void stop() {
        for (MirrorProcess replica : new MirrorProcess[] {a, b}) {
            if (replica != null) {
                replica.close();
            }
        }
        mirror.close();
    }

    @Test
    @Order(1)
    void aNewReleaseShouldBeDownloadedByExactlyOneReplicaAndServedByBoth() throws Exception {
        a = start("a");
        b = start("b");
        a.awaitReady(START);
        b.awaitReady(START);
        upstream.clearRequests();

        FakeUpstream.Release release = upstream.publishRelease("stable", "amd64-usr", "3000.2.0", mirror.key(),
                Map.of(IMAGE, MirrorFixture.random(2_000_000, 1), KERNEL, MirrorFixture.random(300_000, 2)), true);

        await().atMost(Duration.ofSeconds(90)).until(() -> "3000.2.0".equals(current(a)) && "3000.2.0".equals(current(b)));
        for (String file : List.of("version.txt", IMAGE, KERNEL)) {
            for (String name : List.of(file, file + ".sig")) {
                assertThat(upstream.count("GET", release.path(name))).as("upstream GETs of %s", name).isEqualTo(1);
                assertThat(a.get("/stable/amd64-usr/3000.2.0/" + name).body()).as("%s from a", name).isEqualTo(release.bytes(name));
                assertThat(b.get("/stable/amd64-usr/3000.2.0/" + name).body()).as("%s from b", name).isEqualTo(release.bytes(name));
            }
        }
        assertThat(stored("stable/amd64-usr/3000.2.0/" + IMAGE)).isEqualTo(release.bytes(IMAGE));
        // Both keep polling (conditional GETs of the pointer); only the downloads happen once.
        await().atMost(Duration.ofSeconds(30)).until(() -> upstream.count("GET", "/stable/amd64-usr/current/version.txt") > 4);
        assertThat(syncers("3000.2.0")).as("replicas that mirrored 3000.2.0").hasSize(1);
    }

    @Test
    @Order(2)
    void whenTheSyncingReplicaIsKilledMidDownloadTheOtherShouldFinishTheRelease() throws Exception {
        FakeUpstream.Release release = upstream.publishRelease("stable", "amd64-usr", "3000.2.1", mirror.key(),
                Map.of(IMAGE, MirrorFixture.random(2_500_000, 3), KERNEL, MirrorFixture.random(300_000, 4)), true);
        // The first GET of the image stalls, so whoever takes it is mid-file when it is killed.
        upstream.fault(release.path(IMAGE), new Fault.Stall(Duration.ofMinutes(5)), 1);

        await().atMost(Duration.ofSeconds(60)).until(() -> upstream.count("GET", release.path(IMAGE)) == 1);
        List<MirrorProcess> syncing = syncers("3000.2.1");
        assertThat(syncing).as("replicas mirroring 3000.2.1").hasSize(1);
        MirrorProcess victim = syncing.get(0);
        MirrorProcess survivor = victim == a ? b : a;
        victim.kill();
        long killed = System.nanoTime();

        await().atMost(Duration.ofSeconds(90)).until(() -> upstream.count("GET", release.path(IMAGE)) == 2);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        await().atMost(Duration.ofSeconds(60)).until(() -> "3000.2.1".equals(current(survivor)));

        System.out.printf("%s: the survivor asked upstream for the image again %d ms after the kill (lock timeout %d ms)%n",
                getClass().getSimpleName(), takeover.toMillis(), LOCK_TIMEOUT.toMillis());
        // The lock expires at most one timeout after its last renewal, and the survivor polls every second;
        // the rest is slack for a loaded two-core machine.
        assertThat(takeover).isLessThan(LOCK_TIMEOUT.plus(POLL_INTERVAL).plusSeconds(15));
        assertThat(survivor.get("/stable/amd64-usr/3000.2.1/" + IMAGE).body()).isEqualTo(release.bytes(IMAGE));
        assertThat(survivor.get("/stable/amd64-usr/3000.2.1/" + KERNEL).body()).isEqualTo(release.bytes(KERNEL));
        assertThat(stored("stable/amd64-usr/3000.2.1/" + IMAGE)).isEqualTo(release.bytes(IMAGE));
        assertThat(survivor.logText()).contains("Published stable amd64-usr 3000.2.1 as current");
    }

    /** The replicas whose log says they began mirroring this version. */
    private List<MirrorProcess> syncers(String version) throws Exception {
        String line = "Mirroring stable amd64-usr " + version;
        return java.util.stream.Stream.of(a, b).filter(replica -> {
            try {
                return replica.logText().contains(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private String current(MirrorProcess replica) throws Exception {
        var response = replica.get("/channels/stable/current");
        return response.statusCode() == 200 ? (String) json.readValue(response.body(), Map.class).get("version") : null;
    }
}
