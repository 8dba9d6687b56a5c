package dev.flatcarmirror.release;

import dev.flatcarmirror.catalog.ReleasePublished;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.lock.Locks;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Time moves soaks along: the internal channels are re-evaluated at start, every {@code mirror.poll-interval}, right
 * after a release of a followed channel is published or an admin operation changed a board, and when a soak ends
 * before the next round would come (else a soaked release would wait up to a poll interval, ten minutes by default,
 * while the API called the board up to date); one evaluation at a time over all instances. Then the gauges are
 * refreshed.
 */
@Component
class ReleaseControlSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReleaseControlSchedule.class);
    static final String LOCK = "release-control";

    private final ReleaseControl control;
    private final ServedChannels channels;
    private final ReleaseControlMetrics metrics;
    private final MirrorProperties mirror;
    private final Locks locks;
    private final Clock clock;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    /** The one pending evaluation at a soak's end, if any; guarded by {@code this}. */
    private ScheduledFuture<?> wakeUp;

    ReleaseControlSchedule(ReleaseControl control, ServedChannels channels, ReleaseControlMetrics metrics, MirrorProperties mirror,
                           Locks locks, Clock clock) {
        this.control = control;
        this.clock = clock;
        this.channels = channels;
        this.metrics = metrics;
        this.mirror = mirror;
        this.locks = locks;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("release-control-");
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!channels.internalChannels().isEmpty()) {
            scheduler.scheduleWithFixedDelay(this::tick, mirror.pollInterval());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void releasePublished(ReleasePublished published) {
        if (!channels.following(published.channel()).isEmpty()) {
            scheduler.execute(this::tick);
        }
    }

    /** Unhold, unpin or promote may leave a newer release soaking on a board that no wake-up waits for yet. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void controlChanged(BoardControlChanged changed) {
        scheduler.execute(this::tick);
    }

    /** One evaluation of every internal channel, as the schedule runs it. */
    void tick() {
        try {
            locks.run(LOCK, () -> control.advanceAll().ifPresent(this::wakeUpAt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not evaluate the internal channels; the next round tries again: {}", e.toString());
        }
        metrics.refresh();
    }

    /** Evaluates again when the soak ending at {@code soakEnd} (on the application's clock) is over. */
    private synchronized void wakeUpAt(Instant soakEnd) {
        Duration delay = Duration.between(clock.instant(), soakEnd);
        if (delay.compareTo(mirror.pollInterval()) >= 0) {
            return;
        }
        Duration wait = delay.isNegative() ? Duration.ZERO : delay;
        // A wake-up whose time has come is running this very evaluation, or about to: it does not count as pending.
        long pendingMillis = wakeUp == null || wakeUp.isDone() ? 0 : wakeUp.getDelay(TimeUnit.MILLISECONDS);
        if (pendingMillis > 0) {
            if (pendingMillis <= wait.toMillis()) {
                return;
            }
            wakeUp.cancel(false);
        }
        wakeUp = scheduler.schedule(this::tick, scheduler.getClock().instant().plus(wait));
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }
}
