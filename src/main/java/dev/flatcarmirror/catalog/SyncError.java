package dev.flatcarmirror.catalog;

import java.time.Instant;

public record SyncError(String reason, String detail, Instant at) {
}
