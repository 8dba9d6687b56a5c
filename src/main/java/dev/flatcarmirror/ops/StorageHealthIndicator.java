package dev.flatcarmirror.ops;

import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.storage.StorageProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code storage} in {@code /actuator/health} and the readiness group: the object store accepts a new
 * file, and its file system has at least {@code mirror.health.min-free-space} free.
 */
@Component
class StorageHealthIndicator implements HealthIndicator {

    private final ObjectStore store;
    private final Path root;
    private final long minFreeBytes;

    StorageHealthIndicator(ObjectStore store, StorageProperties storage, HealthProperties properties) {
        this.store = store;
        this.root = storage.path().toAbsolutePath().normalize();
        this.minFreeBytes = properties.minFreeSpace().toBytes();
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown().withDetail("path", root.toString()).withDetail("minFreeBytes", minFreeBytes);
        try {
            long free = Files.getFileStore(root).getUsableSpace();
            health.withDetail("freeBytes", free);
            probeWrite();
            if (free < minFreeBytes) {
                return health.down().withDetail("error", "free space is below mirror.health.min-free-space").build();
            }
            return health.up().build();
        } catch (IOException e) {
            return health.down().withDetail("error", "object store is not writable: " + e).build();
        }
    }

    /** Through the store itself, as a download would: permission bits alone do not tell (root, read-only mounts). */
    private void probeWrite() throws IOException {
        Files.delete(store.newStagingFile());
    }
}
