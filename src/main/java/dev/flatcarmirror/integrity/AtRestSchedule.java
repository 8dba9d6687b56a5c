package dev.flatcarmirror.integrity;

import dev.flatcarmirror.lock.Locks;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Runs the at-rest check every {@code mirror.verify-at-rest.interval}, the first one interval after start. */
@Component
class AtRestSchedule {

    private final AtRestVerifier verifier;
    private final VerifyAtRestProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Locks locks;

    AtRestSchedule(AtRestVerifier verifier, VerifyAtRestProperties properties, TaskScheduler scheduler, Clock clock, Locks locks) {
        this.locks = locks;
        this.verifier = verifier;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.interval().isZero() || properties.interval().isNegative()) {
            return;
        }
        scheduler.scheduleWithFixedDelay(this::run, clock.instant().plus(properties.interval()), properties.interval());
    }

    /** Once per interval over all replicas: every one of them hashing every file would multiply the reads. */
    private void run() {
        try {
            locks.tryRunOncePer("verify-at-rest", properties.interval(), () -> verifier.verifyAll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
