package dev.flatcarmirror.ops;

import dev.flatcarmirror.storage.ObjectStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Bytes held in the object store and free on its file system, as the store reports them. The used bytes
 * need a walk or listing of the whole store, so they are counted on a schedule ({@link #refresh()}) and a
 * scrape never waits on one; a bucket has no free space, so that gauge is NaN with S3.
 */
@Component
class StorageUsage implements MeterBinder {

    private final ObjectStore store;
    private volatile double usedBytes = Double.NaN;

    StorageUsage(ObjectStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flatcar_mirror_storage_used", this, usage -> usage.usedBytes)
                .description("Bytes of the objects in the object store (releases and their signatures), as of the last walk")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
        Gauge.builder("flatcar_mirror_storage_free", this, StorageUsage::freeBytes)
                .description("Bytes free for the mirror on the object store's file system (NaN for a bucket)")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    void refresh() throws IOException {
        usedBytes = store.usedBytes();
    }

    private double freeBytes() {
        try {
            OptionalLong free = store.freeBytes();
            return free.isPresent() ? free.getAsLong() : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
