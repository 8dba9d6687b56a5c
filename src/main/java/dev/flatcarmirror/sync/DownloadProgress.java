package dev.flatcarmirror.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Files being downloaded right now, with bytes received so far, for people watching a release arrive. */
@Component
public class DownloadProgress {

    /**
     * @param key        the object key the file will have: {@code channel/board/version/file}
     * @param bytesTotal as announced by upstream, or -1 when unknown
     */
    public record Transfer(String key, String file, long bytesDone, long bytesTotal, Instant startedAt) {
    }

    private record Active(String file, AtomicLong done, AtomicLong total, Instant startedAt) {
    }

    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Clock clock;

    DownloadProgress(Clock clock) {
        this.clock = clock;
    }

    /** Transfers whose key starts with {@code prefix}, e.g. {@code stable/amd64-usr/4593.2.5/}. */
    public List<Transfer> under(String prefix) {
        return active.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> new Transfer(entry.getKey(), entry.getValue().file(), entry.getValue().done().get(),
                        entry.getValue().total().get(), entry.getValue().startedAt()))
                .sorted(Comparator.comparing(Transfer::key))
                .toList();
    }

    public int count() {
        return active.size();
    }

    Tracker start(String key, String file) {
        Active transfer = new Active(file, new AtomicLong(), new AtomicLong(-1), clock.instant());
        active.put(key, transfer);
        return new Tracker(() -> active.remove(key, transfer), transfer.done(), transfer.total());
    }

    /** Counts one transfer's bytes; closing it removes the transfer from the list. */
    static final class Tracker implements AutoCloseable {

        private final Runnable onClose;
        private final AtomicLong done;
        private final AtomicLong total;

        private Tracker(Runnable onClose, AtomicLong done, AtomicLong total) {
            this.onClose = onClose;
            this.done = done;
            this.total = total;
        }

        void add(long bytes) {
            done.addAndGet(bytes);
        }

        /** Where a (possibly resumed) response starts and how long the whole file is, if known. */
        void at(long offset, long total) {
            done.set(offset);
            this.total.set(total);
        }

        @Override
        public void close() {
            onClose.run();
        }
    }
}
