package dev.flatcarmirror.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

@Entity
@Table(name = "artifact")
class Artifact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "release_id")
    private Release release;

    private String name;

    @Enumerated(EnumType.STRING)
    private ArtifactState state;

    @Column(name = "size_bytes")
    private Long size;

    private String sha256;

    private String sha512;

    private String signingKeyFingerprint;

    private Instant signedAt;

    private Instant verifiedAt;

    private String storageKey;

    private Long signatureSize;

    private String signatureSha256;

    private String quarantineReason;

    private String quarantineDetail;

    private Instant quarantinedAt;

    /** On how many polls of its unpublished release upstream answered 404 for the file and its .sig. */
    private int absentPolls;

    protected Artifact() {
    }

    static Artifact verified(Release release, VerifiedArtifact verified, Instant at) {
        Artifact artifact = new Artifact();
        artifact.release = release;
        artifact.name = verified.name();
        artifact.markVerified(verified, at);
        return artifact;
    }

    void markVerified(VerifiedArtifact verified, Instant at) {
        state = ArtifactState.VERIFIED;
        absentPolls = 0;
        size = verified.size();
        sha256 = verified.sha256();
        sha512 = verified.sha512();
        signingKeyFingerprint = verified.signingKeyFingerprint();
        signedAt = verified.signedAt();
        verifiedAt = at;
        storageKey = verified.storageKey();
        signatureSize = verified.signatureSize();
        signatureSha256 = verified.signatureSha256();
        quarantineReason = null;
        quarantineDetail = null;
        quarantinedAt = null;
    }

    static Artifact absent(Release release, String name) {
        Artifact artifact = new Artifact();
        artifact.release = release;
        artifact.name = name;
        artifact.state = ArtifactState.ABSENT;
        artifact.absentPolls = 1;
        return artifact;
    }

    /**
     * Upstream answered 404 once more, on a later poll of the unpublished release. A quarantined file of such a
     * release that upstream no longer has becomes absent too: it was never served.
     *
     * @return on how many polls it has been absent
     */
    int markAbsentAgain() {
        if (state == ArtifactState.VERIFIED) {
            throw new IllegalStateException("artifact " + name + " is verified; a poll does not look for it again");
        }
        if (state == ArtifactState.QUARANTINED) {
            state = ArtifactState.ABSENT;
            absentPolls = 0;
        }
        return ++absentPolls;
    }

    /**
     * Takes a quarantined file back into service, which is only ever done with the very bytes first verified: what a
     * release served under its URLs never changes.
     */
    void restore(VerifiedArtifact verified, Instant at) {
        if (state != ArtifactState.QUARANTINED && state != ArtifactState.VERIFIED) {
            throw new IllegalStateException("artifact " + name + " is " + state + ", only a quarantined file is repaired");
        }
        if (!hasSameContent(verified)) {
            throw new IllegalStateException("artifact " + name + " was verified with SHA-256 " + sha256 + "; a repair may not change it to "
                    + verified.sha256());
        }
        markVerified(verified, at);
    }

    /** Whether these are the bytes (and the signature) first verified for this file. */
    boolean hasSameContent(VerifiedArtifact verified) {
        return Objects.equals(sha256, verified.sha256()) && Objects.equals(sha512, verified.sha512())
                && Objects.equals(signatureSha256, verified.signatureSha256());
    }

    /** A repair brought other bytes: the file stays out of service, with the new reason. */
    void keepQuarantined(String reason, String detail, Instant at) {
        if (state != ArtifactState.QUARANTINED) {
            throw new IllegalStateException("artifact " + name + " is " + state + ", not quarantined");
        }
        quarantineReason = reason;
        quarantineDetail = Text.clip(detail);
        quarantinedAt = at;
    }

    /** What was recorded when the file was first verified. */
    VerifiedArtifact recorded() {
        return new VerifiedArtifact(name, size == null ? 0 : size, sha256, sha512, signingKeyFingerprint, signedAt, storageKey,
                signatureSize == null ? 0 : signatureSize, signatureSha256);
    }

    boolean wasVerified() {
        return sha256 != null;
    }

    /** Only a verified file can be taken out of service: an absent one was never served. */
    void quarantine(String reason, String detail, Instant at) {
        if (state != ArtifactState.VERIFIED) {
            throw new IllegalStateException("artifact " + name + " is " + state + ", only a verified file can be quarantined");
        }
        state = ArtifactState.QUARANTINED;
        quarantineReason = reason;
        quarantineDetail = Text.clip(detail);
        quarantinedAt = at;
    }

    Long id() {
        return id;
    }

    Release release() {
        return release;
    }

    String name() {
        return name;
    }

    StoredArtifact stored() {
        return new StoredArtifact(id, release.channel().name(), release.board(), release.version(), name,
                storedFile(), storedSignature());
    }

    QuarantinedFile quarantined() {
        return new QuarantinedFile(release.channel().name(), release.board(), release.version(), name,
                quarantineReason, quarantineDetail, quarantinedAt);
    }

    ArtifactState state() {
        return state;
    }

    ArtifactView view() {
        return new ArtifactView(name, state, size, sha256, sha512, signingKeyFingerprint, signedAt, verifiedAt);
    }

    /** The objects this file has in the store (the file and its .sig), whatever its state; none if absent upstream. */
    List<StoredFile> objects() {
        return storageKey == null ? List.of() : List.of(storedFile(), storedSignature());
    }

    StoredFile storedFile() {
        return new StoredFile(storageKey, size, sha256, verifiedAt);
    }

    StoredFile storedSignature() {
        return new StoredFile(storageKey + ".sig", signatureSize, signatureSha256, verifiedAt);
    }
}
