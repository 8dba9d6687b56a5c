package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The gauges report what the store says; the stores' own answers are the storage contract test's. */
class StorageUsageTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ObjectStore store = Mockito.mock(ObjectStore.class);

    @Test
    void usedBytesShouldBeUnknownUntilTheFirstCount() {
        new StorageUsage(store).bindTo(registry);

        assertThat(registry.get("flatcar_mirror_storage_used").gauge().value()).isNaN();
    }

    @Test
    void usedBytesShouldBeWhatTheStoreCountsAtTheLastRefresh() throws Exception {
        Mockito.when(store.usedBytes()).thenReturn(120L, 500L);
        StorageUsage usage = new StorageUsage(store);
        usage.bindTo(registry);

        usage.refresh();

        assertThat(registry.get("flatcar_mirror_storage_used").gauge().value()).isEqualTo(120);
        Mockito.verify(store, Mockito.never()).read(Mockito.any(ObjectKey.class), Mockito.anyLong(), Mockito.anyLong());
    }

    @Test
    void freeBytesShouldBeReadAtScrapeTimeAndNaNWithoutAFileSystem() throws Exception {
        Mockito.when(store.freeBytes()).thenReturn(OptionalLong.of(42), OptionalLong.empty());
        new StorageUsage(store).bindTo(registry);

        assertThat(registry.get("flatcar_mirror_storage_free").gauge().value()).isEqualTo(42);
        assertThat(registry.get("flatcar_mirror_storage_free").gauge().value()).isNaN();
    }

    @Test
    void freeBytesShouldBeNaNWhenTheStoreCannotTell() throws Exception {
        Mockito.when(store.freeBytes()).thenThrow(new IOException("gone"));
        new StorageUsage(store).bindTo(registry);

        assertThat(registry.get("flatcar_mirror_storage_free").gauge().value()).isNaN();
    }
}
