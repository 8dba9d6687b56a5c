package dev.flatcarmirror.ops;

import dev.flatcarmirror.storage.ObjectStore;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code storage} in {@code /actuator/health} and the readiness group: the object store accepts a new
 * file, and, where it has such a thing (a file system, not a bucket), at least
 * {@code mirror.health.min-free-space} is free.
 */
@Component
class StorageHealthIndicator implements HealthIndicator {

    private final ObjectStore store;
    private final long minFreeBytes;

    StorageHealthIndicator(ObjectStore store, HealthProperties properties) {
        this.store = store;
        this.minFreeBytes = properties.minFreeSpace().toBytes();
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown().withDetail("path", store.location()).withDetail("minFreeBytes", minFreeBytes);
        try {
            OptionalLong free = store.freeBytes();
            health.withDetail("freeBytes", free.isPresent() ? (Object) free.getAsLong() : "unknown");
            // Through the store itself, as a download would: permission bits alone do not tell (root, read-only mounts).
            store.probeWrite();
            if (free.isPresent() && free.getAsLong() < minFreeBytes) {
                return health.down().withDetail("error", "free space is below mirror.health.min-free-space").build();
            }
            return health.up().build();
        } catch (IOException e) {
            return health.down().withDetail("error", "object store is not writable: " + e).build();
        }
    }
}
