package dev.flatcarmirror.catalog;

/** A verified file as the at-rest check needs it: where it is stored and what it must still be. */
public record StoredArtifact(long id, String channel, String board, String version, String name,
                             StoredFile file, StoredFile signature) {
}
