package dev.flatcarmirror.catalog;

/** Published after the transaction in which a release became visible commits. */
public record ReleasePublished(String channel, String board, String version, boolean current) {
}
