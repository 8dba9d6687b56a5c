package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stages of one stream on threads of their own: same result as one thread, failures reach the reader, memory bounded. */
class StreamPipelineTest {

    private static final int BUFFER = VerifiedTransfer.BUFFER;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER + 7})
    void givenStreamOfEdgeSizeWhenDigestedThroughThePipelineThenDigestsAndBytesShouldEqualTheSingleThreadedReference(int size)
            throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        MessageDigest sha256 = Digests.digest(Digests.SHA_256);
        MessageDigest sha512 = Digests.digest(Digests.SHA_512);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        try (StreamPipeline pipeline = new StreamPipeline("test", List.of(new StreamPipeline.Stage("sha256", sha256::update),
                new StreamPipeline.Stage("sha512", sha512::update), new StreamPipeline.Stage("copy", copy::write)), 4, BUFFER)) {
            feed(pipeline, new TrickleInputStream(content));
            pipeline.finish();
        }

        Digests reference = Digests.of(content);
        assertThat(new Digests(sha256.digest(), sha512.digest())).satisfies(digests -> {
            assertThat(digests.sha256()).isEqualTo(reference.sha256());
            assertThat(digests.sha512()).isEqualTo(reference.sha512());
        });
        assertThat(copy.toByteArray()).isEqualTo(content);
    }

    @Test
    void givenStageThatFailsWhenTheReaderGoesOnThenItsErrorShouldReachTheReaderAndItShouldBeHandedNothingMore() throws Exception {
        AtomicInteger written = new AtomicInteger();
        AtomicInteger hashed = new AtomicInteger();
        StreamPipeline.Sink diskFull = (buffer, offset, length) -> {
            if (written.incrementAndGet() == 2) {
                throw new IOException("No space left on device");
            }
        };
        int taken = 0;
        try (StreamPipeline pipeline = new StreamPipeline("test", List.of(new StreamPipeline.Stage("write", diskFull),
                new StreamPipeline.Stage("hash", (buffer, offset, length) -> hashed.incrementAndGet())), 4, 1024)) {
            IOException failure = null;
            while (failure == null && taken < 1000) {
                try {
                    StreamPipeline.Buffer buffer = pipeline.take();
                    buffer.filled(1024);
                    pipeline.submit(buffer);
                    taken++;
                } catch (IOException e) {
                    failure = e;
                }
            }

            assertThat(failure).as("the reader learns of the failure").isNotNull().hasMessage("No space left on device");
            assertThat(taken).as("within the buffers in flight").isLessThanOrEqualTo(2 + 4 + 1);
            assertThatExceptionOfType(IOException.class).isThrownBy(pipeline::finish).withMessage("No space left on device");
        }
        assertThat(written.get()).as("a failed stage is handed nothing more").isEqualTo(2);
        assertThat(hashed.get()).isLessThanOrEqualTo(taken);
    }

    @Test
    void givenStageThatStallsWhenTheReaderRunsAheadThenItShouldWaitAfterTheConfiguredBuffersAndReuseThem() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Set<byte[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        AtomicInteger taken = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        StreamPipeline.Sink stalled = (buffer, offset, length) -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        };
        try (StreamPipeline pipeline = new StreamPipeline("test", List.of(new StreamPipeline.Stage("slow", stalled)), 3, 1024)) {
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        StreamPipeline.Buffer buffer = pipeline.take();
                        seen.add(buffer.bytes());
                        taken.incrementAndGet();
                        buffer.filled(10);
                        pipeline.submit(buffer);
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    errors.add(e);
                }
            });
            reader.start();

            Thread.sleep(300);
            assertThat(taken.get()).as("the reader holds no more buffers than configured while the stage stalls").isEqualTo(3);

            go.countDown();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            pipeline.finish();
        }
        assertThat(errors).isEmpty();
        assertThat(taken.get()).isEqualTo(50);
        assertThat(seen).as("the same three buffers carried the whole stream").hasSize(3);
    }

    @Test
    void givenBusyStagesWhenClosedThenCloseShouldWaitForThemAndNothingRunAfterwards() throws Exception {
        AtomicInteger processed = new AtomicInteger();
        StreamPipeline.Sink slow = (buffer, offset, length) -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            processed.incrementAndGet();
        };
        StreamPipeline pipeline = new StreamPipeline("test", List.of(new StreamPipeline.Stage("slow", slow)), 4, 1024);
        for (int i = 0; i < 4; i++) {
            StreamPipeline.Buffer buffer = pipeline.take();
            buffer.filled(1);
            pipeline.submit(buffer);
        }

        pipeline.close();
        int atClose = processed.get();
        Thread.sleep(200);

        assertThat(processed.get()).as("no stage touches its sink once close returned").isEqualTo(atClose);
        assertThat(atClose).as("what was not taken in yet is dropped").isLessThan(4);
    }

    /** What VerifiedTransfer does: fill each buffer from the stream, hand it on, until the stream ends. */
    private static void feed(StreamPipeline pipeline, InputStream in) throws IOException, InterruptedException {
        boolean more = true;
        while (more) {
            StreamPipeline.Buffer buffer = pipeline.take();
            while (!buffer.isFull()) {
                int n = in.read(buffer.bytes(), buffer.length(), buffer.bytes().length - buffer.length());
                if (n < 0) {
                    more = false;
                    break;
                }
                buffer.filled(n);
            }
            pipeline.submit(buffer);
        }
    }

    /** Hands out at most an uneven few thousand bytes per read, as a socket does. */
    private static final class TrickleInputStream extends ByteArrayInputStream {

        private final Random random = new Random(7);

        TrickleInputStream(byte[] content) {
            super(content);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(70_000)));
        }
    }
}
