package dev.flatcarmirror.sync;

import dev.flatcarmirror.upstream.DownloadProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Who may download an artifact now. A channel with no download running may always start one, so a channel whose
 * downloads drip for hours cannot starve the others; beyond that, downloads share {@code mirror.download.concurrency}
 * slots over all channels, and a slot that frees up goes to the waiting channel that runs the fewest. At most
 * {@code concurrency + channels - 1} downloads run at once (one channel on every shared slot, each other on its own).
 */
@Component
class DownloadSlots {

    private final int shared;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Integer> waiting = new HashMap<>();
    private int total;

    DownloadSlots(DownloadProperties properties) {
        this.shared = properties.concurrency();
    }

    /** Waits for a slot for one of the channel's downloads; close the slot when the download ends. */
    Slot acquire(String channel) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            waiting.merge(channel, 1, Integer::sum);
            try {
                while (!mayStart(channel)) {
                    released.await();
                }
            } finally {
                waiting.computeIfPresent(channel, (name, count) -> count == 1 ? null : count - 1);
            }
            running.merge(channel, 1, Integer::sum);
            total++;
            return new Slot(channel);
        } finally {
            lock.unlock();
        }
    }

    private boolean mayStart(String channel) {
        int mine = running.getOrDefault(channel, 0);
        if (mine == 0) {
            return true;
        }
        if (total >= shared) {
            return false;
        }
        int fewest = waiting.keySet().stream().mapToInt(other -> running.getOrDefault(other, 0)).min().orElse(mine);
        return mine <= fewest;
    }

    private void release(String channel) {
        lock.lock();
        try {
            running.computeIfPresent(channel, (name, count) -> count == 1 ? null : count - 1);
            total--;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One running download's slot. */
    final class Slot implements AutoCloseable {

        private final String channel;
        private boolean open = true;

        private Slot(String channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                release(channel);
            }
        }
    }
}
