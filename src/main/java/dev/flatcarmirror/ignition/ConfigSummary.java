package dev.flatcarmirror.ignition;

import java.time.Instant;
import java.util.List;

/** A config as the admin API lists it; {@code token} is null when the config needs none. */
public record ConfigSummary(String name, int version, String sha256, long size, Instant updatedAt, String token, List<String> networks) {
}
