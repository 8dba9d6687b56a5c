package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.channel.Streams;
import dev.flatcarmirror.lock.Locks;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Polls every board of every channel on {@code mirror.poll-interval}, each on a thread of its
 * own (a board's streams besides current/, such as LTS's current-YYYY, in the same poll, one after the other), so a slow download of one channel never delays another channel's poll. A poll runs under the
 * board's lock ({@link Locks#board}), shared by every instance on the same catalog: when several replicas
 * run, the one that takes the lock polls and downloads, the others skip that round, and all of them serve.
 */
@Component
public class PollScheduler {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final MirrorProperties properties;
    private final BoardSync boardSync;
    private final StreamDiscovery streams;
    private final Catalog catalog;
    private final Locks locks;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    PollScheduler(MirrorProperties properties, BoardSync boardSync, StreamDiscovery streams, Catalog catalog, Locks locks) {
        this.properties = properties;
        this.boardSync = boardSync;
        this.streams = streams;
        this.catalog = catalog;
        this.locks = locks;
        int boards = properties.channels().stream().mapToInt(channel -> channel.boards().size()).sum();
        scheduler.setPoolSize(Math.max(1, boards));
        scheduler.setThreadNamePrefix("poll-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() throws InterruptedException {
        // Replicas starting together would otherwise insert the same rows at once.
        locks.run("catalog-register", () -> {
            for (ChannelProperties channel : properties.channels()) {
                catalog.register(channel.name(), channel.boards());
            }
        });
        for (ChannelProperties channel : properties.channels()) {
            for (String board : channel.boards()) {
                scheduler.scheduleWithFixedDelay(() -> pollIfIdle(channel, board), properties.pollInterval());
            }
        }
        log.info("Polling {} channel(s) every {} as instance {}", properties.channels().size(), properties.pollInterval(),
                locks.instance());
    }

    /**
     * Polls every board of the channel now, waiting for a poll already under way, here or on another
     * instance, to end first.
     */
    public void pollNow(String channelName) throws InterruptedException {
        ChannelProperties channel = properties.channel(channelName)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + channelName));
        for (String board : channel.boards()) {
            locks.run(Locks.board(channel.name(), board), () -> poll(channel, board));
        }
    }

    /**
     * current/ first, as ever, then each other stream of the board in turn, under the board's one lock: the streams
     * share the board's releases (and retention works board by board under the same lock).
     */
    private void poll(ChannelProperties channel, String board) throws InterruptedException {
        boardSync.poll(channel, board);
        for (String stream : streams.streamsToPoll(channel, board)) {
            if (!Streams.CURRENT.equals(stream)) {
                boardSync.poll(channel, board, stream);
            }
        }
    }

    private void pollIfIdle(ChannelProperties channel, String board) {
        try {
            if (!locks.tryRun(Locks.board(channel.name(), board), () -> poll(channel, board))) {
                log.debug("{} {} is being synced elsewhere; skipping this round", channel.name(), board);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep polling.
            log.error("Poll of {} {} failed unexpectedly", channel.name(), board, e);
        }
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdown();
    }
}
