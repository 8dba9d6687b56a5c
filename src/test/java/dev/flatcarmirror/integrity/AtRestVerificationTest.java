package dev.flatcarmirror.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

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
}
