package dev.flatcarmirror.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.sync.PollScheduler;
import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Files that change on disk after verification are quarantined, not served, and repaired from upstream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AtRestVerificationTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String PATH = "/stable/amd64-usr/4000.2.0/" + IMAGE;

    static final MirrorFixture MIRROR = new MirrorFixture();
    static final FakeUpstream.Release RELEASE = MIRROR.upstream().publishRelease("stable", "amd64-usr", "4000.2.0", MIRROR.key(),
            Map.of(IMAGE, MirrorFixture.random(200_000, 4)), true);
    static final Path STORED = MIRROR.storage().resolve("stable/amd64-usr/4000.2.0/" + IMAGE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MIRROR.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PollScheduler scheduler;

    @Autowired
    AtRestVerifier verifier;

    @Autowired
    Catalog catalog;

    @AfterAll
    static void stop() {
        MIRROR.close();
    }

    @Test
    @Order(1)
    void untouchedFilesShouldPassTheCheck() throws Exception {
        scheduler.pollNow("stable");

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.quarantined()).isZero();
        assertThat(get(PATH).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void fileChangedOnDiskShouldBeQuarantinedAndNoLongerServed() throws Exception {
        byte[] stored = Files.readAllBytes(STORED);
        stored[1000] ^= 1;
        Files.write(STORED, stored);
        MIRROR.upstream().fault(RELEASE.path(IMAGE), new Fault.Status(503));

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.quarantined()).isOne();
        assertThat(report.repaired()).as("upstream is down, so no repair yet").isZero();
        assertThat(get(PATH).statusCode()).isEqualTo(404);
        assertThat(catalog.quarantined()).singleElement().satisfies(file -> {
            assertThat(file.file()).isEqualTo(IMAGE);
            assertThat(file.reason()).isEqualTo("changed_on_disk");
            assertThat(file.detail()).contains("SHA-256");
        });
    }

    @Test
    @Order(3)
    void quarantinedFileShouldBeRepairedFromUpstreamOnTheNextPass() throws Exception {
        MIRROR.upstream().clearFaults();

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.repaired()).isOne();
        assertThat(catalog.quarantined()).isEmpty();
        assertThat(get(PATH).body()).isEqualTo(RELEASE.bytes(IMAGE));
    }

    @Test
    @Order(4)
    void deletedSignatureShouldBeFoundMissingAndRepairedAtOnce() throws Exception {
        Files.delete(STORED.resolveSibling(IMAGE + ".sig"));

        AtRestVerifier.Report report = verifier.verifyAll().orElseThrow();

        assertThat(report.quarantined()).isOne();
        assertThat(report.repaired()).isOne();
        assertThat(get(PATH + ".sig").body()).isEqualTo(RELEASE.bytes(IMAGE + ".sig"));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
