package dev.flatcarmirror.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flatcarmirror.upstream.GuardedInputStream.LimitException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GuardedInputStreamTest {

    private static final byte[] BODY = new byte[10_000];
    private static final long UNKNOWN = -1;
    private static final long NO_MIN_RATE = 0;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final AtomicBoolean deadlinePassed = new AtomicBoolean();

    @Test
    void bodyOfTheAnnouncedLengthWithinTheLimitShouldBeReadWhole() throws Exception {
        try (InputStream in = guarded(new ByteArrayInputStream(BODY), BODY.length, BODY.length)) {
            assertThat(in.readAllBytes()).isEqualTo(BODY);
        }
    }

    @Test
    void bodyOfExactlyTheLimitShouldBeRead() throws Exception {
        try (InputStream in = guarded(new ByteArrayInputStream(BODY), BODY.length, UNKNOWN)) {
            assertThat(in.readAllBytes().length).isEqualTo(BODY.length);
        }
    }

    @Test
    void byteBeyondTheLimitShouldFailAsTooLargeWhateverWasAnnounced() {
        InputStream in = guarded(new ByteArrayInputStream(BODY), BODY.length - 1, 100);

        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(LimitException.class, e -> {
            assertThat(e.reason()).isEqualTo(UpstreamFailure.TOO_LARGE);
            assertThat(e).hasMessageContaining("image.bin").hasMessageContaining(String.valueOf(BODY.length - 1));
        });
    }

    @Test
    void singleByteReadsShouldCountTowardsTheLimitToo() {
        InputStream in = guarded(new ByteArrayInputStream(BODY), 10, UNKNOWN);

        assertThatThrownBy(() -> {
            while (in.read() >= 0) {
                // reading one byte at a time
            }
        }).isInstanceOfSatisfying(LimitException.class, e -> assertThat(e.reason()).isEqualTo(UpstreamFailure.TOO_LARGE));
    }

    @Test
    void bodyShorterThanAnnouncedShouldEndWithEofException() {
        InputStream in = guarded(new ByteArrayInputStream(BODY, 0, 4000), BODY.length, BODY.length);

        assertThatThrownBy(in::readAllBytes).isExactlyInstanceOf(EOFException.class)
                .hasMessage("image.bin ended after 4000 of 10000 bytes");
    }

    @Test
    void bodyWithoutAnnouncedLengthShouldEndWhereverItEnds() throws Exception {
        try (InputStream in = guarded(new ByteArrayInputStream(BODY, 0, 4000), BODY.length, UNKNOWN)) {
            assertThat(in.readAllBytes().length).isEqualTo(4000);
        }
    }

    @Test
    void transferSlowerThanTheMinimumRateOverAWindowShouldFailAsTooSlow() {
        // One byte every 10 ms against 1000 bytes per second, checked over windows of 50 ms.
        InputStream in = new GuardedInputStream(dripping(10), Long.MAX_VALUE, UNKNOWN, 1000, Duration.ofMillis(50),
                deadlinePassed::get, "image.bin");

        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(LimitException.class, e -> {
            assertThat(e.reason()).isEqualTo(UpstreamFailure.TOO_SLOW);
            assertThat(e).hasMessageContaining("below the minimum rate");
        });
    }

    @Test
    void transferFasterThanTheMinimumRateShouldPassEveryWindow() throws Exception {
        // 2000-byte reads every 10 ms against 1000 bytes per second: each read alone is more than a 50 ms window
        // needs, however late it comes.
        InputStream source = new InputStream() {
            private int left = 60_000;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left == 0) {
                    return -1;
                }
                sleep(10);
                int n = Math.min(left, Math.min(length, 2000));
                left -= n;
                return n;
            }
        };
        try (InputStream in = new GuardedInputStream(source, Long.MAX_VALUE, UNKNOWN, 1000, Duration.ofMillis(50), deadlinePassed::get,
                "image.bin")) {
            byte[] buffer = new byte[2000];
            long total = 0;
            for (int n = in.read(buffer, 0, buffer.length); n >= 0; n = in.read(buffer, 0, buffer.length)) {
                total += n;
            }
            assertThat(total).isEqualTo(60_000);
        }
    }

    @Test
    void connectionClosedByTheDeadlineShouldFailAsDeadline() {
        deadlinePassed.set(true);
        InputStream in = guarded(failing(new SocketException("Socket closed")), BODY.length, BODY.length);

        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(LimitException.class, e -> {
            assertThat(e.reason()).isEqualTo(UpstreamFailure.DEADLINE);
            assertThat(e).hasMessage("image.bin took longer than its deadline");
        });
    }

    @Test
    void brokenConnectionBeforeTheDeadlineShouldFailWithItsOwnError() {
        SocketException reset = new SocketException("Connection reset");
        InputStream in = guarded(failing(reset), BODY.length, BODY.length);

        assertThatThrownBy(in::readAllBytes).isSameAs(reset);
    }

    private GuardedInputStream guarded(InputStream source, long limit, long announced) {
        return new GuardedInputStream(source, limit, announced, NO_MIN_RATE, WINDOW, deadlinePassed::get, "image.bin");
    }

    /** One zero byte per read, each after {@code millis}, for ever. */
    private static InputStream dripping(long millis) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                sleep(millis);
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                buffer[offset] = (byte) read();
                return 1;
            }
        };
    }

    private static InputStream failing(IOException failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw failure;
            }
        };
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
