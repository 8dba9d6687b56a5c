package dev.flatcarmirror.integrity;

import dev.flatcarmirror.lock.Locks;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the at-rest check every {@code mirror.verify-at-rest.interval}, the first one interval after start, on a
 * thread of its own: other scheduled work (a key refresh waiting on a slow key server) cannot hold it up.
 */
@Component
class AtRestSchedule {

    private final AtRestVerifier verifier;
    private final VerifyAtRestProperties properties;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Clock clock;
    private final Locks locks;

    AtRestSchedule(AtRestVerifier verifier, VerifyAtRestProperties properties, Clock clock, Locks locks) {
        this.locks = locks;
        this.verifier = verifier;
        this.properties = properties;
        this.clock = clock;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("at-rest-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
    }

    /** Once per interval over all replicas: every one of them hashing every file would multiply the reads. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        locks.scheduleOncePer("verify-at-rest", properties.interval(), scheduler, clock, verifier::verifyAll);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }
}
