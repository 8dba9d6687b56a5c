package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.PostgresTestDatabase;
import dev.flatcarmirror.upstream.UpstreamFailure;
import dev.flatcarmirror.verify.RejectionReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's rules on real PostgreSQL, with the schema Flyway creates. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({Catalog.class, CatalogChanges.class, CatalogQueries.class, CatalogReads.class, CatalogCache.class,
        dev.flatcarmirror.ClockConfiguration.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class CatalogTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @Autowired
    Catalog catalog;

    @Autowired
    CatalogQueries queries;

    private String channel;

    @BeforeEach
    void registerChannel() {
        channel = "c" + System.nanoTime();
        catalog.register(channel, List.of("amd64-usr"));
    }

    @Test
    void publishedReleaseShouldBecomeCurrentWithItsFiles() {
        long release = mirrored("1.2.0");

        assertThat(catalog.publish(release, "\"etag\"", null)).isTrue();

        ReleaseView current = queries.current(channel, "amd64-usr").orElseThrow();
        assertThat(current.version()).isEqualTo("1.2.0");
        assertThat(current.state()).isEqualTo(ReleaseState.PUBLISHED);
        assertThat(current.versionTxt()).containsEntry("FLATCAR_VERSION", "1.2.0");
        assertThat(current.artifacts()).extracting(ArtifactView::name, ArtifactView::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("absent.bin", ArtifactState.ABSENT),
                org.assertj.core.groups.Tuple.tuple("image.bin", ArtifactState.VERIFIED),
                org.assertj.core.groups.Tuple.tuple("version.txt", ArtifactState.VERIFIED));
        assertThat(current.verifiedArtifacts()).extracting(ArtifactView::name).containsExactly("image.bin", "version.txt");
        assertThat(catalog.pointer(channel, "amd64-usr").etag()).isEqualTo("\"etag\"");
        assertThat(queries.publishedFile(channel, "amd64-usr", "1.2.0", "image.bin.sig")).hasValueSatisfying(file -> {
            assertThat(file.storageKey()).endsWith("image.bin.sig");
            assertThat(file.size()).isEqualTo(310);
        });
    }

    @Test
    void releaseBeingMirroredShouldNotServeItsVerifiedFiles() {
        mirrored("1.2.0");

        assertThat(queries.publishedFile(channel, "amd64-usr", "1.2.0", "image.bin")).isEmpty();
        assertThat(queries.current(channel, "amd64-usr")).isEmpty();
    }

    @Test
    void publishingAnOlderReleaseShouldNotMoveCurrentBackwards() {
        catalog.publish(mirrored("1.10.0"), null, null);

        assertThat(catalog.publish(mirrored("1.9.0"), null, null)).isFalse();

        assertThat(queries.current(channel, "amd64-usr").orElseThrow().version()).isEqualTo("1.10.0");
        assertThat(queries.releases(channel, "amd64-usr")).extracting(ReleaseView::version).containsExactly("1.10.0", "1.9.0");
    }

    @Test
    void failedReleaseShouldKeepTheCurrentOneAndRecordTheError() {
        catalog.publish(mirrored("1.2.0"), null, null);
        long broken = mirrored("1.3.0");

        catalog.releaseFailed(broken, "image.bin", RejectionReason.BAD_SIGNATURE, "image.bin: bad_signature: does not match");

        assertThat(queries.current(channel, "amd64-usr").orElseThrow().version()).isEqualTo("1.2.0");
        ReleaseView failed = queries.release(channel, "amd64-usr", "1.3.0").orElseThrow();
        assertThat(failed.state()).isEqualTo(ReleaseState.FAILED);
        assertThat(failed.failureReason()).isEqualTo("bad_signature");
        assertThat(queries.boardStatuses(channel)).singleElement()
                .satisfies(status -> assertThat(status.lastError().reason()).isEqualTo("bad_signature"));
        assertThat(queries.history(channel, 10)).first().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(SyncEventKind.FAILED);
            assertThat(event.file()).isEqualTo("image.bin");
            assertThat(event.version()).isEqualTo("1.3.0");
        });
    }

    @Test
    void retriedReleaseShouldResumeWithFilesVerifiedBefore() {
        long first = mirrored("1.2.0");
        catalog.releaseFailed(first, "other.bin", UpstreamFailure.NETWORK_ERROR, "reset");

        Catalog.ReleaseAttempt retry = catalog.beginRelease(channel, "amd64-usr", "1.2.0", versionTxt("1.2.0"));

        assertThat(retry.releaseId()).isEqualTo(first);
        assertThat(retry.verifiedFiles()).as("an absent file is looked for again").containsExactlyInAnyOrder("image.bin", "version.txt");
    }

    @Test
    void fileAbsentOnAnotherPollShouldCountThePolls() {
        long release = mirrored("1.2.0");

        assertThat(catalog.recordAbsent(release, "absent.bin")).as("the second poll that finds it absent").isEqualTo(2);
        assertThat(catalog.recordAbsent(release, "other.bin")).isEqualTo(1);
    }

    @Test
    void filesVerifiedInAnEarlierReleaseOfTheBoardShouldBeExpectedInTheNextOne() {
        catalog.publish(mirrored("1.2.0"), null, null);

        Catalog.ReleaseAttempt next = catalog.beginRelease(channel, "amd64-usr", "1.3.0", versionTxt("1.3.0"));
        Catalog.ReleaseAttempt older = catalog.beginRelease(channel, "amd64-usr", "1.1.0", versionTxt("1.1.0"));

        assertThat(next.expectedFiles()).containsExactlyInAnyOrder("image.bin", "version.txt");
        assertThat(older.expectedFiles()).as("only earlier releases count").isEmpty();
    }

    @Test
    void fileOfAPublishedReleaseShouldOnlyEverBeRestoredWithTheBytesFirstVerified() {
        long release = mirrored("1.2.0");
        catalog.publish(release, null, null);
        long imageId = catalog.verifiedArtifacts().stream().filter(stored -> stored.channel().equals(channel) && stored.name().equals("image.bin"))
                .findFirst().orElseThrow().id();
        catalog.quarantine(imageId, RejectionReason.BAD_SIGNATURE, "changed");
        VerifiedArtifact other = new VerifiedArtifact("image.bin", 1234, "d".repeat(64), "e".repeat(128), "F".repeat(40), Instant.now(),
                channel + "/amd64-usr/1.2.0/image.bin", 310, "c".repeat(64));

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> catalog.recordRepaired(channel, "amd64-usr", "1.2.0", other)).withMessageContaining("SHA-256");
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> catalog.recordVerified(release, other));
        assertThat(catalog.recordedFile(channel, "amd64-usr", "1.2.0", "image.bin")).hasValueSatisfying(recorded ->
                assertThat(recorded.sha256()).isEqualTo("a".repeat(64)));

        catalog.recordRepaired(channel, "amd64-usr", "1.2.0", artifact("image.bin", "1.2.0"));

        assertThat(catalog.quarantined()).noneMatch(file -> file.channel().equals(channel));
    }

    @Test
    void pointerValidatorsTooLongForTheirColumnsShouldBeDroppedRatherThanFailThePublish() {
        long release = mirrored("1.2.0");

        catalog.publish(release, "\"" + "e".repeat(600) + "\"", "x".repeat(100));

        Catalog.Pointer pointer = catalog.pointer(channel, "amd64-usr");
        assertThat(pointer.currentVersion()).isEqualTo("1.2.0");
        assertThat(pointer.etag()).isNull();
        assertThat(pointer.lastModified()).isNull();
    }

    @Test
    void longErrorDetailShouldBeClippedToItsColumn() {
        long release = mirrored("1.2.0");

        catalog.releaseFailed(release, "image.bin", UpstreamFailure.NETWORK_ERROR, "x".repeat(10_000));

        assertThat(queries.release(channel, "amd64-usr", "1.2.0").orElseThrow().failureDetail()).hasSize(Text.MAX_DETAIL);
    }

    private long mirrored(String version) {
        long id = catalog.beginRelease(channel, "amd64-usr", version, versionTxt(version)).releaseId();
        catalog.recordVerified(id, artifact("version.txt", version));
        catalog.recordVerified(id, artifact("image.bin", version));
        catalog.recordAbsent(id, "absent.bin");
        return id;
    }

    private VerifiedArtifact artifact(String name, String version) {
        return new VerifiedArtifact(name, 1234, "a".repeat(64), "b".repeat(128), "F".repeat(40), Instant.now(),
                channel + "/amd64-usr/" + version + "/" + name, 310, "c".repeat(64));
    }

    private static String versionTxt(String version) {
        return "FLATCAR_VERSION=" + version + "\nFLATCAR_VERSION_ID=" + version + "\n";
    }
}
