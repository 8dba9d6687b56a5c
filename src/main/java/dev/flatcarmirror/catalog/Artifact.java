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

    protected Artifact() {
    }

    static Artifact verified(Release release, VerifiedArtifact verified, Instant at) {
        Artifact artifact = new Artifact();
        artifact.release = release;
        artifact.name = verified.name();
        artifact.state = ArtifactState.VERIFIED;
        artifact.size = verified.size();
        artifact.sha256 = verified.sha256();
        artifact.sha512 = verified.sha512();
        artifact.signingKeyFingerprint = verified.signingKeyFingerprint();
        artifact.signedAt = verified.signedAt();
        artifact.verifiedAt = at;
        artifact.storageKey = verified.storageKey();
        artifact.signatureSize = verified.signatureSize();
        artifact.signatureSha256 = verified.signatureSha256();
        return artifact;
    }

    static Artifact absent(Release release, String name) {
        Artifact artifact = new Artifact();
        artifact.release = release;
        artifact.name = name;
        artifact.state = ArtifactState.ABSENT;
        return artifact;
    }

    String name() {
        return name;
    }

    ArtifactState state() {
        return state;
    }

    ArtifactView view(String urlPrefix) {
        boolean verified = state == ArtifactState.VERIFIED;
        return new ArtifactView(name, state, size, sha256, sha512, signingKeyFingerprint, signedAt, verifiedAt,
                verified ? urlPrefix + name : null, verified ? urlPrefix + name + ".sig" : null);
    }

    StoredFile storedFile() {
        return new StoredFile(storageKey, size, sha256, verifiedAt);
    }

    StoredFile storedSignature() {
        return new StoredFile(storageKey + ".sig", signatureSize, signatureSha256, verifiedAt);
    }
}
