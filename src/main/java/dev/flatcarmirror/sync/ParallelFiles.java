package dev.flatcarmirror.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Downloads the files of one release side by side, at most {@code mirror.download.parallel-files} at once, each on a
 * thread of its own; each still takes a {@link DownloadSlots} slot, so the fairness between channels holds. What a
 * download returns is handed back on the caller's thread as it completes (the catalog is written from one thread
 * only). After the first file that fails, files not started yet are not started; downloads already running end as
 * they would (each bounded by the download limits) and what they verified is handed back and kept, as one after the
 * other kept the files before the failure: cancelling them would throw away a multi-GiB image each time a small file
 * of the release fails, and a release with one persistently bad file would never make progress. Then the first
 * failure is thrown. An interrupted caller (shutdown) cancels every download: a cancelled transfer stops at its next
 * read and deletes its staging file.
 */
final class ParallelFiles {

    @FunctionalInterface
    interface Download<T> {
        T run(String file) throws SyncFailure, InterruptedException;
    }

    @FunctionalInterface
    interface Completed<T> {
        void accept(String file, T result) throws SyncFailure;
    }

    private final int parallel;
    private final String threadName;

    ParallelFiles(int parallel, String threadName) {
        this.parallel = parallel;
        this.threadName = threadName;
    }

    <T> void run(List<String> files, Download<T> download, Completed<T> completed) throws SyncFailure, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(parallel, files.size()), runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<T> completion = new ExecutorCompletionService<>(threads);
        Map<Future<T>, String> names = new HashMap<>();
        AtomicBoolean failed = new AtomicBoolean();
        SyncFailure first = null;
        try {
            for (String file : files) {
                names.put(completion.submit(() -> {
                    if (failed.get()) {
                        throw new NotStarted();
                    }
                    try {
                        return download.run(file);
                    } catch (SyncFailure failure) {
                        // Set here, before this thread takes the next file, not only once the caller sees the failure.
                        failed.set(true);
                        throw failure;
                    }
                }), file);
            }
            for (int done = 0; done < files.size(); done++) {
                Future<T> next = completion.take();
                try {
                    completed.accept(names.get(next), result(next));
                } catch (SyncFailure failure) {
                    failed.set(true);
                    first = first == null ? failure : first;
                } catch (NotStarted skipped) {
                    // Looked for again on the next poll, like every file the release does not have verified.
                }
            }
        } finally {
            // Only does anything when the caller was interrupted or the catalog failed: then the others are cancelled.
            threads.shutdownNow();
            awaitEnd(threads);
        }
        if (first != null) {
            throw first;
        }
    }

    /** A file not started because another file of the release had already failed. */
    private static final class NotStarted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotStarted() {
            super(null, null, false, false);
        }
    }

    private static <T> T result(Future<T> future) throws SyncFailure, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SyncFailure failure) {
                throw failure;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Waits for cancelled downloads to stop, so that none is still writing when the release's failure is recorded. */
    private static void awaitEnd(ExecutorService threads) throws InterruptedException {
        while (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
            // A transfer blocked in a read notices the cancellation at its next byte, at worst after the read timeout.
        }
    }
}
