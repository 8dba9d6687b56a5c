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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Downloads the files of one release side by side, at most {@code mirror.download.parallel-files} at once, each on a
 * thread of its own; each still takes a {@link DownloadSlots} slot, so the fairness between channels holds. What a
 * download returns is handed back on the caller's thread as it completes (the catalog is written from one thread
 * only). The first file that fails ends the release: the others are cancelled and waited for (a cancelled transfer
 * stops at its next read and deletes its staging file), then that failure is thrown.
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
        try {
            for (String file : files) {
                names.put(completion.submit(() -> download.run(file)), file);
            }
            for (int done = 0; done < files.size(); done++) {
                Future<T> next = completion.take();
                completed.accept(names.get(next), result(next));
            }
        } finally {
            // Only does anything when a file failed (or the caller was interrupted): the others are cancelled.
            threads.shutdownNow();
            awaitEnd(threads);
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

    /** Waits for the cancelled downloads to stop, so that none is still writing when the release's failure is recorded. */
    private static void awaitEnd(ExecutorService threads) throws InterruptedException {
        while (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
            // A transfer blocked in a read notices the cancellation at its next byte, at worst after the read timeout.
        }
    }
}
