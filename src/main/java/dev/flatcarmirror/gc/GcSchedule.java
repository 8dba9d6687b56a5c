package dev.flatcarmirror.gc;

import dev.flatcarmirror.lock.Locks;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Sweeps every {@code mirror.gc.interval}, the first one interval after start, once per interval over all replicas. */
@Component
class GcSchedule {

    private static final Logger log = LoggerFactory.getLogger(GcSchedule.class);

    private final GarbageCollector collector;
    private final GcProperties properties;
    private final TaskScheduler scheduler;
    private final Locks locks;
    private final Clock clock;

    GcSchedule(GarbageCollector collector, GcProperties properties, TaskScheduler scheduler, Locks locks, Clock clock) {
        this.collector = collector;
        this.properties = properties;
        this.scheduler = scheduler;
        this.locks = locks;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        locks.scheduleOncePer("gc", properties.interval(), scheduler, clock, () -> {
            try {
                collector.sweep(false);
            } catch (IOException e) {
                log.warn("Garbage collection could not finish; the next sweep tries again: {}", e.toString());
            }
        });
    }
}
