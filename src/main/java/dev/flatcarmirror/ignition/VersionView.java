package dev.flatcarmirror.ignition;

import java.time.Instant;

/** One entry of a config's history. */
public record VersionView(int version, Instant createdAt, long size, String sha256, String reason) {
}
