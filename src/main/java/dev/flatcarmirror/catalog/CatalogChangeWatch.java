package dev.flatcarmirror.catalog;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Notices changes other replicas made to the shared catalog: reads the change counter every
 * {@code mirror.catalog.change-check-interval} and drops the cached answers when it moved. Changes made here
 * drop them at once ({@link CatalogChanges}); this is for the others. One small query per interval, on a thread of
 * its own, never on a request.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogChangeWatch {

    private static final Logger log = LoggerFactory.getLogger(CatalogChangeWatch.class);

    private final CatalogChanges changes;
    private final CatalogCache cache;
    private final CatalogProperties properties;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private Long seen;
    private boolean failing;

    CatalogChangeWatch(CatalogChanges changes, CatalogCache cache, CatalogProperties properties) {
        this.changes = changes;
        this.cache = cache;
        this.properties = properties;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("catalog-changes-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::check, properties.changeCheckInterval());
    }

    /** The first reading drops the cache too: answers loaded before it may predate a change made meanwhile. */
    void check() {
        long generation;
        try {
            generation = changes.generation();
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Cannot read the catalog's change counter; cached answers stay as they are until it can be read: {}",
                        e.toString());
                failing = true;
            }
            return;
        }
        failing = false;
        if (seen == null || seen != generation) {
            cache.invalidate();
            seen = generation;
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }
}
