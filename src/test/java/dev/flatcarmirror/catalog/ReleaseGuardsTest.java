package dev.flatcarmirror.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The state changes a release and its files refuse, whoever calls them: the catalog's transactions rely on these
 * guards rather than on every caller checking first.
 */
class ReleaseGuardsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String IMAGE = "flatcar_production_image.bin.bz2";

    private final Release release = new Release(new Channel("stable"), "amd64-usr", "1000.2.0", "FLATCAR_VERSION=1000.2.0\n", NOW);

    @Test
    void givenAVerifiedVersionTxtAndImageThenPublishingShouldSucceed() {
        release.recordVerified(verified(Release.VERSION_TXT, "aa"), NOW);
        release.recordVerified(verified(IMAGE, "bb"), NOW);

        release.markPublished(NOW);

        assertThat(release.state()).isEqualTo(ReleaseState.PUBLISHED);
    }

    @Test
    void givenAQuarantinedFileThenPublishingShouldBeRefusedNamingIt() {
        release.recordVerified(verified(Release.VERSION_TXT, "aa"), NOW);
        release.recordVerified(verified(IMAGE, "bb"), NOW);
        release.artifact(IMAGE).orElseThrow().quarantine("changed_on_disk", "SHA-256 differs", NOW);

        assertThatIllegalStateException().isThrownBy(() -> release.markPublished(NOW)).withMessageContaining(IMAGE);
        assertThat(release.state()).isEqualTo(ReleaseState.DOWNLOADING);
    }

    @Test
    void givenNoVerifiedVersionTxtThenPublishingShouldBeRefused() {
        release.recordVerified(verified(IMAGE, "bb"), NOW);

        assertThatIllegalStateException().isThrownBy(() -> release.markPublished(NOW)).withMessageContaining(Release.VERSION_TXT);
        assertThat(release.state()).isEqualTo(ReleaseState.DOWNLOADING);
    }

    @Test
    void givenAnAbsentFileThenQuarantiningItShouldBeRefused() {
        release.recordAbsent(IMAGE);

        assertThatIllegalStateException()
                .isThrownBy(() -> release.artifact(IMAGE).orElseThrow().quarantine("changed_on_disk", "", NOW))
                .withMessageContaining("only a verified file");
    }

    @Test
    void givenOtherBytesThenARepairShouldBeRefusedAndTheRecordedDigestsKept() {
        release.recordVerified(verified(IMAGE, "bb"), NOW);
        Artifact image = release.artifact(IMAGE).orElseThrow();
        image.quarantine("changed_on_disk", "", NOW);

        assertThatIllegalStateException().isThrownBy(() -> image.restore(verified(IMAGE, "cc"), NOW)).withMessageContaining("SHA-256");
        assertThat(image.state()).isEqualTo(ArtifactState.QUARANTINED);
        image.restore(verified(IMAGE, "bb"), NOW);
        assertThat(image.state()).isEqualTo(ArtifactState.VERIFIED);
    }

    @Test
    void givenAPrunedReleaseThenPruningAgainShouldBeRefused() {
        release.markPruned(NOW);

        assertThatIllegalStateException().isThrownBy(() -> release.markPruned(NOW)).withMessageContaining("already pruned");
    }

    private static VerifiedArtifact verified(String name, String digest) {
        return new VerifiedArtifact(name, 10, digest.repeat(32), digest.repeat(64), "F".repeat(40), NOW,
                "stable/amd64-usr/1000.2.0/" + name, 100, "dd".repeat(32));
    }
}
