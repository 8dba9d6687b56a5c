package dev.flatcarmirror.ops;

import dev.flatcarmirror.storage.StorageProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Bytes held in the object store and free on its file system. The used bytes come from a walk of the
 * store's directory tree on a schedule ({@link #refresh()}), so a scrape never waits on a walk of a large store.
 */
@Component
class StorageUsage implements MeterBinder {

    private final Path root;
    private volatile double usedBytes = Double.NaN;

    StorageUsage(StorageProperties storage) {
        this.root = storage.path().toAbsolutePath().normalize();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flatcar_mirror_storage_used", this, usage -> usage.usedBytes)
                .description("Bytes of the objects in the object store (releases and their signatures), as of the last walk")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
        Gauge.builder("flatcar_mirror_storage_free", this, StorageUsage::freeBytes)
                .description("Bytes free for the mirror on the object store's file system")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    void refresh() throws IOException {
        usedBytes = walk();
    }

    private long walk() throws IOException {
        AtomicLong total = new AtomicLong();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                // Object keys never start with a dot: dot-led entries (staging) are the store's own.
                return directory.equals(root) || !hidden(directory) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(file)) {
                    total.addAndGet(attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Removed while the walk was under way: it no longer takes space.
                return FileVisitResult.CONTINUE;
            }
        });
        return total.get();
    }

    private double freeBytes() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
