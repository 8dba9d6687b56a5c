package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Polls every board of every channel on {@code mirror.poll-interval}, each on a thread of its
 * own, so a slow download of one channel never delays another channel's poll.
 */
@Component
public class PollScheduler {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final MirrorProperties properties;
    private final BoardSync boardSync;
    private final Catalog catalog;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    PollScheduler(MirrorProperties properties, BoardSync boardSync, Catalog catalog) {
        this.properties = properties;
        this.boardSync = boardSync;
        this.catalog = catalog;
        int boards = properties.channels().stream().mapToInt(channel -> channel.boards().size()).sum();
        scheduler.setPoolSize(Math.max(1, boards));
        scheduler.setThreadNamePrefix("poll-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        for (ChannelProperties channel : properties.channels()) {
            catalog.register(channel.name(), channel.boards());
        }
        for (ChannelProperties channel : properties.channels()) {
            for (String board : channel.boards()) {
                scheduler.scheduleWithFixedDelay(() -> pollIfIdle(channel, board), properties.pollInterval());
            }
        }
        log.info("Polling {} channel(s) every {}", properties.channels().size(), properties.pollInterval());
    }

    /** Polls every board of the channel now, waiting for a poll already under way to end first. */
    public void pollNow(String channelName) throws InterruptedException {
        ChannelProperties channel = properties.channel(channelName)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + channelName));
        for (String board : channel.boards()) {
            ReentrantLock lock = lock(channel, board);
            lock.lockInterruptibly();
            try {
                boardSync.poll(channel, board);
            } finally {
                lock.unlock();
            }
        }
    }

    private void pollIfIdle(ChannelProperties channel, String board) {
        ReentrantLock lock = lock(channel, board);
        if (!lock.tryLock()) {
            return;
        }
        try {
            boardSync.poll(channel, board);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep polling.
            log.error("Poll of {} {} failed unexpectedly", channel.name(), board, e);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lock(ChannelProperties channel, String board) {
        return locks.computeIfAbsent(channel.name() + "/" + board, key -> new ReentrantLock());
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdown();
    }
}
