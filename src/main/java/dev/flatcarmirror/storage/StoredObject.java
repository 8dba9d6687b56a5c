package dev.flatcarmirror.storage;

import java.time.Instant;

/** One object as a listing of the store shows it. */
public record StoredObject(ObjectKey key, long size, Instant lastModified) {
}
