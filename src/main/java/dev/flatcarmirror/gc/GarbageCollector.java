package dev.flatcarmirror.gc;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.storage.StoredObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sweeps the object store for orphans. The store is listed before the catalog is read: an object stored and
 * recorded in between is then seen as referenced, and one stored but not yet recorded is young, so neither
 * is ever taken for an orphan.
 */
@Component
class GarbageCollector {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

    private final ObjectStore store;
    private final Catalog catalog;
    private final GcProperties properties;
    private final Clock clock;
    private final Counter removedObjects;
    private final Counter removedBytes;

    GarbageCollector(ObjectStore store, Catalog catalog, GcProperties properties, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
        this.removedObjects = Counter.builder("flatcar_mirror_gc_removed_objects")
                .description("Unreferenced objects garbage collection deleted from the object store").register(registry);
        this.removedBytes = Counter.builder("flatcar_mirror_gc_removed_bytes")
                .description("Bytes of the unreferenced objects garbage collection deleted").baseUnit(BaseUnits.BYTES).register(registry);
    }

    GcReport sweep(boolean dryRun) throws IOException {
        Instant now = clock.instant();
        Instant protectedSince = now.minus(properties.protection());
        List<StoredObject> objects = store.list();
        Set<String> referenced = catalog.referencedKeys();
        List<GcReport.Orphan> removed = new ArrayList<>();
        List<GcReport.Orphan> young = new ArrayList<>();
        long bytes = 0;
        for (StoredObject object : objects) {
            if (referenced.contains(object.key().value())) {
                continue;
            }
            GcReport.Orphan orphan = new GcReport.Orphan(object.key().value(), object.size(), object.lastModified());
            if (!object.lastModified().isBefore(protectedSince)) {
                young.add(orphan);
                continue;
            }
            if (!dryRun) {
                store.remove(object.key());
                log.info("Garbage collection removed {} ({} bytes, last modified {}): no catalog row refers to it",
                        object.key(), object.size(), object.lastModified());
                removedObjects.increment();
                removedBytes.increment(object.size());
            }
            removed.add(orphan);
            bytes += object.size();
        }
        List<String> staging = dryRun ? List.of() : store.removeAbandonedStaging();
        if (!dryRun) {
            log.info("Garbage collection: {} object(s) checked, {} orphan(s) removed ({} bytes), {} younger than {} kept, "
                    + "{} staging leftover(s) removed", objects.size(), removed.size(), bytes, young.size(), properties.protection(),
                    staging.size());
        }
        return new GcReport(now, dryRun, objects.size(), removed, bytes, young, staging);
    }
}
