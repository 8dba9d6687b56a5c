package dev.flatcarmirror.catalog;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The catalog's answers to clients, kept in memory as immutable views until the catalog changes, so that steady
 * requests do no database work. Everything is dropped at once on a change: changes are rare (a poll's outcome, a
 * publish) and the answers cheap to load again.
 *
 * <p>Race-safety: every entry carries the stamp it was loaded under. {@link #invalidate} moves the stamp before it
 * clears the map, so an answer read from the database before a change committed is never kept after the change's
 * invalidation: it is either cleared or, finishing under a newer stamp, removed by its loader. Concurrent misses of
 * one key share one load (no synchronized block, so a virtual thread waiting for it does not pin its carrier).
 */
@Component
class CatalogCache {

    enum Kind { CURRENT, RELEASES, PUBLISHED_FILES, BOARD_STATUSES, STREAM_STATUSES, STREAM_CURRENT, DERIVED }

    /**
     * {@code detail} is the stream for {@link Kind#STREAM_CURRENT} and what is derived for {@link Kind#DERIVED}; the
     * other answers are per board or per channel.
     */
    record Key(Kind kind, String channel, String board, String detail) {

        Key(Kind kind, String channel, String board) {
            this(kind, channel, board, null);
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong stamp = new AtomicLong();

    @SuppressWarnings("unchecked")
    <T> T get(Key key, Supplier<T> loader) {
        Entry entry = entries.get(key);
        if (entry == null) {
            Entry mine = new Entry(stamp.get());
            entry = entries.putIfAbsent(key, mine);
            if (entry == null) {
                return (T) load(key, mine, loader);
            }
        }
        return (T) entry.await();
    }

    /** After the commit, so that the next load sees the change; immediately when there was no transaction. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(CatalogChanged change) {
        invalidate();
    }

    void invalidate() {
        stamp.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private Object load(Key key, Entry mine, Supplier<?> loader) {
        Object value;
        try {
            value = loader.get();
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.answer.completeExceptionally(e);
            throw e;
        }
        mine.answer.complete(value);
        if (stamp.get() != mine.stamp) {
            // Loaded across a change: possibly from before it. Those waiting already overlapped the change; nobody else gets it.
            entries.remove(key, mine);
        }
        return value;
    }

    private static final class Entry {

        private final long stamp;
        private final CompletableFuture<Object> answer = new CompletableFuture<>();

        Entry(long stamp) {
            this.stamp = stamp;
        }

        Object await() {
            try {
                return answer.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
