package dev.flatcarmirror.catalog;

import java.time.Instant;

/** A file taken out of service because it no longer matched what was verified. */
public record QuarantinedFile(String channel, String board, String version, String file,
                              String reason, String detail, Instant quarantinedAt) {
}
