package dev.flatcarmirror.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds one stream to several stages (the signature check, a digest, the staging file), each on a thread of its
 * own, so that they run on separate cores instead of one after the other on the reading thread. The bytes pass
 * through a fixed set of large buffers, reused: the reader fills a free one and hands it to every stage, and it is
 * free again when the last stage is done with it. Memory is {@code buffers × bufferSize} whatever the file's size,
 * and the reader waits while the slowest stage is that many buffers behind. Each stage sees every buffer in order.
 * The first stage that fails makes the others skip what is left, and its error reaches the reader at its next
 * {@link #take} or at {@link #finish}.
 */
final class StreamPipeline implements AutoCloseable {

    /** What a stage does with each piece of the stream, in order. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] buffer, int offset, int length) throws IOException;
    }

    record Stage(String name, Sink sink) {
    }

    /** A buffer being filled by the reader: {@link #bytes} from 0 to {@link #length}. */
    static final class Buffer {

        private final byte[] bytes;
        private final AtomicInteger pending = new AtomicInteger();
        private int length;

        private Buffer(int size) {
            this.bytes = new byte[size];
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        boolean isFull() {
            return length == bytes.length;
        }

        void filled(int count) {
            length += count;
        }
    }

    private static final Buffer END = new Buffer(0);

    private final BlockingQueue<Buffer> free;
    private final List<BlockingQueue<Buffer>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean cancelled;
    private boolean ended;

    StreamPipeline(String name, List<Stage> stages, int buffers, int bufferSize) {
        free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new Buffer(bufferSize));
        }
        for (Stage stage : stages) {
            // Room for every buffer and the end marker: handing a buffer on never blocks the reader.
            BlockingQueue<Buffer> queue = new ArrayBlockingQueue<>(buffers + 1);
            Thread thread = new Thread(() -> run(stage.sink(), queue), name + "-" + stage.name());
            thread.setDaemon(true);
            queues.add(queue);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** An empty buffer to fill, once the stages have given one back; fails at once when a stage has failed. */
    Buffer take() throws IOException, InterruptedException {
        rethrowFailure();
        Buffer buffer = free.take();
        buffer.length = 0;
        if (failure.get() != null) {
            free.add(buffer);
            rethrowFailure();
        }
        return buffer;
    }

    /** Hands a filled buffer to every stage; the reader must not touch it again. */
    void submit(Buffer buffer) {
        if (buffer.length == 0 || ended) {
            free.add(buffer);
            return;
        }
        buffer.pending.set(queues.size());
        queues.forEach(queue -> queue.add(buffer));
    }

    /** Waits until every stage has taken in everything submitted, then rethrows the first stage's failure. */
    void finish() throws IOException, InterruptedException {
        end();
        for (Thread thread : threads) {
            thread.join();
        }
        rethrowFailure();
    }

    /** Stops the stages and waits for them, dropping what they had not taken in yet. */
    @Override
    public void close() {
        cancelled = true;
        end();
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    // Each stage is at most one buffer's work from noticing; after this nothing touches its sink.
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            queues.forEach(queue -> queue.add(END));
        }
    }

    private void run(Sink sink, BlockingQueue<Buffer> queue) {
        while (true) {
            Buffer buffer;
            try {
                buffer = queue.take();
            } catch (InterruptedException e) {
                // Nothing here interrupts a stage; if something else does, the stream cannot be complete.
                failure.compareAndSet(null, e);
                return;
            }
            if (buffer == END) {
                return;
            }
            try {
                if (!cancelled && failure.get() == null) {
                    sink.accept(buffer.bytes, 0, buffer.length);
                }
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                if (buffer.pending.decrementAndGet() == 0) {
                    free.add(buffer);
                }
            }
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure.get();
        if (failed instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (failed instanceof RuntimeException e) {
            throw new IllegalStateException(e.toString(), e);
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed instanceof InterruptedException e) {
            throw new IOException("a stage was interrupted", e);
        }
    }
}
