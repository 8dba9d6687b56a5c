package dev.flatcarmirror.catalog;

/**
 * A configured file is verified and stored, absent upstream for this release, or quarantined:
 * it no longer matched what was verified when it was re-checked at rest, and is not served.
 */
public enum ArtifactState {
    VERIFIED,
    ABSENT,
    QUARANTINED
}
