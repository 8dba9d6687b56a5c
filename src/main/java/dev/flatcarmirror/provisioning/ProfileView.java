package dev.flatcarmirror.provisioning;

import java.time.Instant;
import java.util.List;

/** A profile as the admin API shows it and as boot scripts use it. */
record ProfileView(String name, Selector selector, String channel, String board, String ignition, List<String> kernelArgs,
                   Instant updatedAt) {
}
