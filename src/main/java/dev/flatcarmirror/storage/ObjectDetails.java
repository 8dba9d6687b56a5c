package dev.flatcarmirror.storage;

import java.time.Instant;

public record ObjectDetails(long size, Instant lastModified) {
}
