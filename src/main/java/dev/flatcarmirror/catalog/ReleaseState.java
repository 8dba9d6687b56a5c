package dev.flatcarmirror.catalog;

/** Where a release stands: being mirrored, served, or stopped by an error until a later poll retries it. */
public enum ReleaseState {
    DOWNLOADING,
    PUBLISHED,
    FAILED
}
