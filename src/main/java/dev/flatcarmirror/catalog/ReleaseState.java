package dev.flatcarmirror.catalog;

/**
 * Where a release stands: being mirrored, served, or stopped by an error until a later poll retries it;
 * or pruned by retention: no longer served or listed, its files deleted with its row after the delete delay.
 */
public enum ReleaseState {
    DOWNLOADING,
    PUBLISHED,
    FAILED,
    PRUNED
}
