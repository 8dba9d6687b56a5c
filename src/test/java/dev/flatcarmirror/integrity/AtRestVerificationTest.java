package dev.flatcarmirror.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Files that change on disk after verification are quarantined, not served, and repaired from upstream. */
@MirrorApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AtRestVerificationTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String PATH = "/stable/amd64-usr/4000.2.0/" + IMAGE;

    @Autowired
    MirrorHttp http;

    @Autowired
    FakeUpstream upstream;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    AtRestVerifier verifier;

    @Autowired
    Catalog catalog;

    @Autowired
    MeterRegistry registry;

    private FakeUpstream.Release release;
    private Path stored;

    @BeforeAll
    void published(MirrorFixture mirror) {
        release = mirror.publish("stable/amd64-usr", "4000.2.0", Map.of(IMAGE, MirrorFixture.random(200_000, 4)));
        stored = mirror.storage().resolve("stable/amd64-usr/4000.2.0/" + IMAGE);
    }

    @Test
    @Order(1)
    void untouchedFilesShouldPassTheCheck() throws Exception {
        scheduler.pollNow("stable");

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.quarantined()).isZero();
        assertThat(http.get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void fileChangedOnDiskShouldBeQuarantinedAndNoLongerServed() throws Exception {
        byte[] bytes = Files.readAllBytes(stored);
        bytes[1000] ^= 1;
        Files.write(stored, bytes);
        upstream.fault(release.path(IMAGE), new Fault.Status(503));

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.quarantined()).isOne();
        assertThat(report.repaired()).as("upstream is down, so no repair yet").isZero();
        assertThat(http.get(PATH).statusCode()).isEqualTo(404);
        assertThat(catalog.quarantined()).singleElement().satisfies(file -> {
            assertThat(file.file()).isEqualTo(IMAGE);
            assertThat(file.reason()).isEqualTo("changed_on_disk");
            assertThat(file.detail()).contains("SHA-256");
        });
    }

    @Test
    @Order(3)
    void quarantinedFileShouldBeRepairedFromUpstreamOnTheNextPass() throws Exception {
        upstream.clearFaults();

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.repaired()).isOne();
        assertThat(catalog.quarantined()).isEmpty();
        assertThat(http.get(PATH).body()).isEqualTo(release.bytes(IMAGE));
    }

    @Test
    @Order(4)
    void deletedSignatureShouldBeFoundMissingAndRepairedAtOnce() throws Exception {
        Files.delete(stored.resolveSibling(IMAGE + ".sig"));

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.quarantined()).isOne();
        assertThat(report.repaired()).isOne();
        assertThat(http.get(PATH + ".sig").body()).isEqualTo(release.bytes(IMAGE + ".sig"));
    }

    @Test
    @Order(5)
    void repairShouldNeverAcceptOtherBytesThanThoseFirstVerifiedEvenWhenValidlySigned(MirrorFixture mirror) throws Exception {
        JsonNode recorded = image(http.get("/channels/stable/releases/4000.2.0").json());
        double mismatchesBefore = repairMismatches();
        byte[] bytes = Files.readAllBytes(stored);
        bytes[2000] ^= 1;
        Files.write(stored, bytes);
        byte[] impostor = MirrorFixture.random(200_000, 99);
        upstream.put(release.path(IMAGE), impostor);
        upstream.put(release.path(IMAGE + ".sig"), mirror.key().sign(impostor));
        byte[] digests = FakeUpstream.digests(IMAGE, impostor);
        upstream.put(release.path(IMAGE + ".DIGESTS"), digests);
        upstream.put(release.path(IMAGE + ".DIGESTS.sig"), mirror.key().sign(digests));

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.quarantined()).isOne();
        assertThat(report.repaired()).isZero();
        assertThat(http.get(PATH).statusCode()).as("neither the damaged copy nor the new bytes are served").isEqualTo(404);
        assertThat(Files.readAllBytes(stored)).isNotEqualTo(impostor);
        JsonNode now = image(http.get("/channels/stable/releases/4000.2.0").json());
        assertThat(now.path("sha256").asString()).isEqualTo(recorded.path("sha256").asString());
        assertThat(now.path("sha512").asString()).isEqualTo(recorded.path("sha512").asString());
        assertThat(now.path("state").asString()).isEqualTo("QUARANTINED");
        assertThat(catalog.quarantined()).singleElement().satisfies(file -> {
            assertThat(file.reason()).isEqualTo("repair_mismatch");
            assertThat(file.detail()).contains("SHA-256").contains(recorded.path("sha256").asString());
        });
        JsonNode event = http.get("/channels/stable/history").json().get(0);
        assertThat(event.path("outcome").asString()).isEqualTo("quarantined");
        assertThat(event.path("reason").asString()).isEqualTo("repair_mismatch");
        assertThat(event.path("file").asString()).isEqualTo(IMAGE);
        assertThat(repairMismatches() - mismatchesBefore).isEqualTo(1.0);

        release.files().forEach((name, body) -> upstream.put(release.path(name), body));
        AtRestVerifier.Report healed = verifier.verifyAll().orElseThrow();

        assertThat(healed.repaired()).as("once upstream serves the verified bytes again").isOne();
        assertThat(http.get(PATH).body()).isEqualTo(release.bytes(IMAGE));
        assertThat(catalog.quarantined()).isEmpty();
    }

    private double repairMismatches() {
        return registry.get("flatcar_mirror_quarantined_files").tags("channel", "stable", "board", "amd64-usr", "reason", "repair_mismatch")
                .counter().count();
    }

    private static JsonNode image(JsonNode release) {
        return release.path("artifacts").valueStream().filter(artifact -> artifact.path("name").asString().equals(IMAGE))
                .findFirst().orElseThrow();
    }
}
