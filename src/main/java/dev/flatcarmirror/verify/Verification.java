package dev.flatcarmirror.verify;

import java.time.Instant;

/** A signature that was checked and accepted: who made it, and when. */
public record Verification(String signingKeyFingerprint, String primaryKeyFingerprint, Instant signatureCreatedAt) {
}
