package dev.flatcarmirror.catalog;

/** A configured file is either verified and stored, or absent upstream for this release. */
public enum ArtifactState {
    VERIFIED,
    ABSENT
}
