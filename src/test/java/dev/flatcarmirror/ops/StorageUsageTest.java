package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.storage.StorageProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageUsageTest {

    @TempDir
    Path root;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void usedBytesShouldBeUnknownUntilTheFirstWalk() {
        new StorageUsage(new StorageProperties(root)).bindTo(registry);

        assertThat(registry.get("flatcar_mirror_storage_used").gauge().value()).isNaN();
    }

    @Test
    void usedBytesShouldSumTheObjectsAndSkipTheStoresOwnDotLedEntries() throws Exception {
        Files.createDirectories(root.resolve("stable/amd64-usr/1000.2.0"));
        Files.write(root.resolve("stable/amd64-usr/1000.2.0/version.txt"), new byte[100]);
        Files.write(root.resolve("stable/amd64-usr/1000.2.0/version.txt.sig"), new byte[20]);
        Files.createDirectories(root.resolve(".staging"));
        Files.write(root.resolve(".staging/download-1.part"), new byte[5000]);
        StorageUsage usage = new StorageUsage(new StorageProperties(root));
        usage.bindTo(registry);

        usage.refresh();

        assertThat(registry.get("flatcar_mirror_storage_used").gauge().value()).isEqualTo(120);
    }

    @Test
    void usedBytesShouldBeZeroWhenTheStoreIsGone() throws Exception {
        StorageUsage usage = new StorageUsage(new StorageProperties(root.resolve("missing")));
        usage.bindTo(registry);

        usage.refresh();

        assertThat(registry.get("flatcar_mirror_storage_used").gauge().value()).isZero();
    }

    @Test
    void freeBytesShouldBeReadAtScrapeTime() {
        new StorageUsage(new StorageProperties(root)).bindTo(registry);

        assertThat(registry.get("flatcar_mirror_storage_free").gauge().value()).isPositive();
    }
}
