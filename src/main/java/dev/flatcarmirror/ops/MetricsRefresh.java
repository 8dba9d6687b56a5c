package dev.flatcarmirror.ops;

import dev.flatcarmirror.catalog.ReleasePublished;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Recomputes the gauges that read the catalog or walk the store every {@code mirror.metrics.refresh-interval},
 * on a thread of its own so that no other scheduled work can hold them up.
 */
@Component
class MetricsRefresh {

    private static final Logger log = LoggerFactory.getLogger(MetricsRefresh.class);

    private final MetricsProperties properties;
    private final BoardMetrics boards;
    private final StreamMetrics streams;
    private final StorageUsage storage;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    MetricsRefresh(MetricsProperties properties, BoardMetrics boards, StreamMetrics streams, StorageUsage storage) {
        this.properties = properties;
        this.boards = boards;
        this.streams = streams;
        this.storage = storage;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("metrics-refresh-");
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, properties.refreshInterval());
    }

    /** A new current release changes the version, freshness and storage gauges: no need to wait for the next round. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void releasePublished(ReleasePublished published) {
        scheduler.execute(this::refresh);
    }

    void refresh() {
        try {
            boards.refresh();
            streams.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not read the catalog for the channel gauges; they keep their last values: {}", e.toString());
        }
        try {
            storage.refresh();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not walk the object store for flatcar_mirror_storage_used_bytes: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }
}
