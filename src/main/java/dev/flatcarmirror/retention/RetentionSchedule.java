package dev.flatcarmirror.retention;

import dev.flatcarmirror.lock.Locks;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Runs retention every {@code mirror.retention.interval}, the first pass one interval after start, once per interval over all replicas. */
@Component
class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final RetentionPass pass;
    private final RetentionProperties properties;
    private final TaskScheduler scheduler;
    private final Locks locks;
    private final Clock clock;

    RetentionSchedule(RetentionPass pass, RetentionProperties properties, TaskScheduler scheduler, Locks locks, Clock clock) {
        this.pass = pass;
        this.properties = properties;
        this.scheduler = scheduler;
        this.locks = locks;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.interval().isZero()) {
            return;
        }
        scheduler.scheduleWithFixedDelay(this::run, clock.instant().plus(properties.interval()), properties.interval());
    }

    private void run() {
        try {
            locks.tryRunOncePer("retention", properties.interval(), pass::run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again.
            log.error("Retention pass failed", e);
        }
    }
}
