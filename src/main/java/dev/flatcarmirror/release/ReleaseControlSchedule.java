package dev.flatcarmirror.release;

import dev.flatcarmirror.catalog.ReleasePublished;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.lock.Locks;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Time moves soaks along: the internal channels are re-evaluated at start, every {@code mirror.poll-interval}, and
 * right after a release of a followed channel is published; one evaluation at a time over all instances. Then the gauges are refreshed.
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
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    ReleaseControlSchedule(ReleaseControl control, ServedChannels channels, ReleaseControlMetrics metrics, MirrorProperties mirror,
                           Locks locks) {
        this.control = control;
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

    /** One evaluation of every internal channel, as the schedule runs it. */
    void tick() {
        try {
            locks.run(LOCK, control::advanceAll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not evaluate the internal channels; the next round tries again: {}", e.toString());
        }
        metrics.refresh();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }
}
