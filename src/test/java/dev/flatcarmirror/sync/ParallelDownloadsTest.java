package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.FakeUpstream.Fault;
import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.TestSigningKey.SignatureOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A release's files download side by side ({@code mirror.download.parallel-files}), each streamed once through its
 * signature check and digests; when one of them fails, the release fails with that file's reason, what the others
 * verified meanwhile is kept for the next poll, and nothing unverified is left behind.
 */
@MirrorApplicationTest(properties = {"mirror.download.concurrency=3", "mirror.download.parallel-files=3"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParallelDownloadsTest {

    private static final String IMAGE = "flatcar_production_image.bin.bz2";
    private static final String KERNEL = "flatcar_production_pxe.vmlinuz";
    private static final String INITRD = "flatcar_production_pxe_image.cpio.gz";
    private static final Duration STALL = Duration.ofSeconds(3);

    @Autowired
    MirrorFixture mirror;

    @Autowired
    FakeUpstream upstream;

    @Autowired
    MirrorHttp http;

    @Autowired
    PollScheduler scheduler;

    @Test
    @Order(1)
    void givenThreeFilesThatEachTakeSecondsWhenTheReleaseIsMirroredThenUpstreamShouldSeeTheirRequestsOverlap() throws Exception {
        Map<String, byte[]> files = Map.of(IMAGE, MirrorFixture.random(2 * 1024 * 1024 + 5, 11),
                KERNEL, MirrorFixture.random(300_001, 12), INITRD, MirrorFixture.random(1024 * 1024, 13));
        FakeUpstream.Release release = mirror.publish("stable/amd64-usr", "1000.2.0", files);
        // Flatcar's own signatures hash with SHA-256, the benchmark's with SHA-512: both digests must come out right.
        upstream.put(release.path(IMAGE) + ".sig", mirror.key().sign(files.get(IMAGE),
                SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA256)));
        for (String file : files.keySet()) {
            upstream.fault(release.path(file), new Fault.Stall(STALL), 1);
        }
        upstream.clearRequests();

        scheduler.pollNow("stable");

        List<Instant> started = upstream.requests().stream()
                .filter(request -> request.method().equals("GET") && files.keySet().stream().anyMatch(file -> request.path().equals(release.path(file))))
                .map(FakeUpstream.RecordedRequest::receivedAt).sorted().toList();
        assertThat(started).hasSize(3);
        assertThat(Duration.between(started.get(0), started.get(2)))
                .as("the last file was asked for before the first had its body: one after the other would take %s each", STALL)
                .isLessThan(STALL);
        MirrorEndToEndTest.Current current = http.get("/channels/stable/current").json(MirrorEndToEndTest.Current.class);
        assertThat(current.version()).isEqualTo("1000.2.0");
        for (String file : files.keySet()) {
            assertThat(current.artifacts()).filteredOn(artifact -> artifact.name().equals(file)).singleElement().satisfies(artifact -> {
                assertThat(artifact.sha256()).isEqualTo(MirrorEndToEndTest.sha("SHA-256", files.get(file)));
                assertThat(artifact.sha512()).isEqualTo(MirrorEndToEndTest.sha("SHA-512", files.get(file)));
            });
            assertThat(http.get(release.path(file)).body()).isEqualTo(files.get(file));
        }
    }

    @Test
    @Order(2)
    void givenOneFileWithABadSignatureWhileAnotherStillDownloadsThenTheReleaseShouldFailWithThatReasonAndKeepTheOtherForTheNextPoll()
            throws Exception {
        Map<String, byte[]> files = Map.of(IMAGE, MirrorFixture.random(1024 * 1024, 21),
                KERNEL, MirrorFixture.random(200_000, 22), INITRD, MirrorFixture.random(100_000, 23));
        FakeUpstream.Release release = mirror.publish("stable/amd64-usr", "1000.2.1", files);
        // The image is still on its way when the kernel is found bad.
        upstream.fault(release.path(IMAGE), new Fault.Stall(STALL), 1);
        byte[] tampered = files.get(KERNEL).clone();
        tampered[tampered.length / 3] ^= 0x01;
        upstream.put(release.path(KERNEL), tampered);

        scheduler.pollNow("stable");

        MirrorEndToEndTest.Release failed = http.get("/channels/stable/releases/1000.2.1").json(MirrorEndToEndTest.Release.class);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).isEqualTo("bad_signature");
        assertThat(failed.failureDetail()).contains(KERNEL);
        assertThat(failed.artifacts()).filteredOn(artifact -> artifact.name().equals(IMAGE)).singleElement()
                .as("the image that was still downloading is finished and kept").satisfies(artifact -> assertThat(artifact.state()).isEqualTo("VERIFIED"));
        assertThat(http.get("/channels/stable/current").json(MirrorEndToEndTest.Current.class).version()).isEqualTo("1000.2.0");
        assertThat(http.get(release.path(IMAGE)).statusCode()).as("nothing of an unpublished release is served").isEqualTo(404);
        assertThat(mirror.storage().resolve("stable/amd64-usr/1000.2.1/" + KERNEL)).doesNotExist();
        assertThat(stagingFiles()).as("no staging file is left behind").isEmpty();

        upstream.put(release.path(KERNEL), files.get(KERNEL));
        upstream.clearRequests();
        scheduler.pollNow("stable");

        assertThat(http.get("/channels/stable/current").json(MirrorEndToEndTest.Current.class).version()).isEqualTo("1000.2.1");
        assertThat(upstream.count("GET", release.path(IMAGE))).as("the kept image is not downloaded again").isZero();
        assertThat(http.get(release.path(KERNEL)).body()).isEqualTo(files.get(KERNEL));
    }

    private List<Path> stagingFiles() throws IOException {
        try (Stream<Path> files = Files.walk(mirror.storage().resolve(".staging"))) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".lock")).toList();
        }
    }
}
