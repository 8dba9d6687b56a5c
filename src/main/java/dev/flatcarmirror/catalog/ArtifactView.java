package dev.flatcarmirror.catalog;

import java.time.Instant;

/** A file of a release as the catalog records it; where the mirror serves it is the channel feature's to say. */
public record ArtifactView(
        String name,
        ArtifactState state,
        Long size,
        String sha256,
        String sha512,
        String signingKeyFingerprint,
        Instant signedAt,
        Instant verifiedAt) {

    public boolean isVerified() {
        return state == ArtifactState.VERIFIED;
    }
}
