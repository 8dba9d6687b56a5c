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
        return artifact;
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
