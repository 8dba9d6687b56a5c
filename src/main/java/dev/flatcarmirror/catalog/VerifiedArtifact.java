package dev.flatcarmirror.catalog;

import java.time.Instant;

/** A file whose signature was checked, as it is recorded once both it and its .sig are stored. */
public record VerifiedArtifact(
        String name,
        long size,
        String sha256,
        String sha512,
        String signingKeyFingerprint,
        Instant signedAt,
        String storageKey,
        long signatureSize,
        String signatureSha256) {
}
