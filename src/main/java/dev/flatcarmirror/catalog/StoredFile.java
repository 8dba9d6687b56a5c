package dev.flatcarmirror.catalog;

import java.time.Instant;

/** What the file server needs to answer for one verified file: where it is and its validators. */
public record StoredFile(String storageKey, long size, String sha256, Instant lastModified) {
}
