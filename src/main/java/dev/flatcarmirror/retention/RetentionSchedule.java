package dev.flatcarmirror.retention;

import dev.flatcarmirror.lock.Locks;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Runs retention every {@code mirror.retention.interval}, the first pass one interval after start, once per interval over all replicas. */
@Component
class RetentionSchedule {

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
        locks.scheduleOncePer("retention", properties.interval(), scheduler, clock, pass::run);
    }
}
