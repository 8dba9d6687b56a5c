package dev.flatcarmirror.lock;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs work under a named lock that every instance on the same database respects. Within one process a
 * plain {@link ReentrantLock} keeps threads in order; across processes a ShedLock row does. While the work
 * runs, the row is renewed every third of {@code mirror.lock.timeout}; if the process dies, the row
 * expires and another instance may take the lock, no later than one timeout after the last renewal.
 */
public class Locks {

    private static final Logger log = LoggerFactory.getLogger(Locks.class);

    /** Work done under a lock; it may wait, and is then interrupted on shutdown. */
    @FunctionalInterface
    public interface Work {
        void run() throws InterruptedException;
    }

    private final LockProvider provider;
    private final Runnable forgetKnownRows;
    private final Duration timeout;
    private final String instance;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();
    private final Set<Renewal> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lock-renewal");
        thread.setDaemon(true);
        return thread;
    });

    /** @param forgetKnownRows clears the provider's memory of which lock rows exist, so that a missing row is inserted again */
    Locks(LockProvider provider, Runnable forgetKnownRows, Duration timeout, String instance) {
        this.provider = provider;
        this.forgetKnownRows = forgetKnownRows;
        this.timeout = timeout;
        this.instance = instance;
    }

    /** The name of the lock a channel's board is synced, checked and pruned under. */
    public static String board(String channel, String board) {
        return "board:" + channel + "/" + board;
    }

    /** Who this instance is in the lock table's {@code locked_by} column and in the logs. */
    public String instance() {
        return instance;
    }

    /**
     * Runs the work if nobody, here or on another instance, holds the lock.
     *
     * @return false when the lock was held elsewhere and nothing ran
     */
    public boolean tryRun(String name, Work work) throws InterruptedException {
        ReentrantLock mine = local(name);
        if (!mine.tryLock()) {
            return false;
        }
        try {
            return runHeld(name, Duration.ZERO, timeout, work);
        } finally {
            mine.unlock();
        }
    }

    /** Waits until the lock is free, polling the other instances' hold on it, then runs the work. */
    public void run(String name, Work work) throws InterruptedException {
        ReentrantLock mine = local(name);
        mine.lockInterruptibly();
        try {
            long pause = Math.max(100, Math.min(1000, timeout.toMillis() / 10));
            while (!runHeld(name, Duration.ZERO, timeout, work)) {
                Thread.sleep(pause);
            }
        } finally {
            mine.unlock();
        }
    }

    /**
     * Runs a pass every {@code interval} on {@code scheduler}, the first one an interval from now, through
     * {@link #tryRunOncePer}, so that it runs once per interval over all replicas; a zero interval runs nothing. A
     * pass that throws is logged and the schedule goes on: a scheduled task that throws is never run again.
     */
    public void scheduleOncePer(String name, Duration interval, TaskScheduler scheduler, Clock clock, Work pass) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                tryRunOncePer(name, interval, pass);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Periodic pass '{}' failed", name, e);
            }
        }, clock.instant().plus(interval), interval);
    }

    /**
     * Runs a periodic pass unless some instance ran it less than most of {@code period} ago, so that N replicas
     * on the same schedule run it once per period between them rather than N times.
     *
     * @return false when it was not this instance's turn
     */
    public boolean tryRunOncePer(String name, Duration period, Work work) throws InterruptedException {
        ReentrantLock mine = local(name);
        if (!mine.tryLock()) {
            return false;
        }
        try {
            Duration atMost = period.compareTo(timeout) > 0 ? period : timeout;
            return runHeld(name, period.multipliedBy(9).dividedBy(10), atMost, work);
        } finally {
            mine.unlock();
        }
    }

    private boolean runHeld(String name, Duration atLeast, Duration atMost, Work work) throws InterruptedException {
        Optional<SimpleLock> taken = provider.lock(new LockConfiguration(Instant.now(), name, atMost, atLeast));
        if (taken.isEmpty()) {
            // ShedLock inserts a lock's row only the first time and then only updates it; had someone deleted the
            // row (a restored or cleaned-up database), no instance could take the lock again until restarted.
            forgetKnownRows.run();
            return false;
        }
        Renewal renewal = new Renewal(name, taken.get(), atLeast, atMost);
        try {
            work.run();
            return true;
        } finally {
            renewal.release();
        }
    }

    private ReentrantLock local(String name) {
        return local.computeIfAbsent(name, key -> new ReentrantLock());
    }

    /**
     * On a graceful shutdown (a rolling update) the locks still held are released, so another instance takes
     * the board over at its next poll rather than after the timeout; after a kill only the expiry frees them.
     */
    @PreDestroy
    void stop() {
        renewals.shutdownNow();
        for (Renewal renewal : held) {
            renewal.release();
        }
    }

    /** As a killed process: renewals stop and the rows stay until they expire. For tests. */
    void abandon() {
        renewals.shutdownNow();
        held.clear();
    }

    /** Keeps one held lock alive; ShedLock's own keep-alive refuses timeouts under 30 s, which the tests need. */
    private final class Renewal {

        private final String name;
        private final Duration atLeast;
        private final Duration atMost;
        private final ScheduledFuture<?> schedule;
        private SimpleLock lock;

        Renewal(String name, SimpleLock lock, Duration atLeast, Duration atMost) {
            this.name = name;
            this.lock = lock;
            this.atLeast = atLeast;
            this.atMost = atMost;
            long every = Math.max(1, atMost.toMillis() / 3);
            this.schedule = renewals.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
            held.add(this);
        }

        private synchronized void renew() {
            if (lock == null) {
                return;
            }
            try {
                // The unlock adds lockAtLeastFor to the row's locked_at, which an extension keeps: pass it unchanged.
                Optional<SimpleLock> extended = lock.extend(atMost, atLeast);
                lock = extended.orElse(null);
                if (lock == null) {
                    log.error("Lost lock {}: it expired before it could be renewed (database unreachable for longer than "
                            + "mirror.lock.timeout?); another instance may now do the same work", name);
                    schedule.cancel(false);
                }
            } catch (RuntimeException e) {
                // The lock stays valid until its expiry; the next renewal tries again.
                log.warn("Could not renew lock {}: {}", name, e.toString());
            }
        }

        synchronized void release() {
            held.remove(this);
            schedule.cancel(false);
            if (lock != null) {
                try {
                    lock.unlock();
                } catch (RuntimeException e) {
                    log.warn("Could not release lock {}; it expires by itself: {}", name, e.toString());
                }
                lock = null;
            }
        }
    }
}
