package dev.flatcarmirror.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.upstream.DownloadProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BackoffTest {

    private static final int SAMPLES = 500;

    @Test
    void firstRetryShouldWaitBetweenHalfAndAllOfTheRetryBackoff() {
        assertThat(waits(backoff("1s"), 0)).allSatisfy(wait -> assertThat(wait).isBetween(500L, 1000L));
    }

    @Test
    void eachFurtherRetryShouldDoubleTheWait() {
        Backoff backoff = backoff("1s");

        assertThat(waits(backoff, 1)).allSatisfy(wait -> assertThat(wait).isBetween(1000L, 2000L));
        assertThat(waits(backoff, 2)).allSatisfy(wait -> assertThat(wait).isBetween(2000L, 4000L));
        assertThat(waits(backoff, 5)).allSatisfy(wait -> assertThat(wait).isBetween(16_000L, 32_000L));
    }

    @Test
    void waitShouldBeCappedAtAMinute() {
        Backoff backoff = backoff("10s");

        assertThat(waits(backoff, 3)).as("80 s doubled, capped").allSatisfy(wait -> assertThat(wait).isBetween(30_000L, 60_000L));
        assertThat(waits(backoff, 1000)).as("far past any shift").allSatisfy(wait -> assertThat(wait).isBetween(30_000L, 60_000L));
    }

    @Test
    void waitShouldBeJitteredSoThatMirrorsDoNotRetryInStep() {
        List<Long> waits = waits(backoff("1s"), 0);

        assertThat(waits.stream().distinct().count()).isGreaterThan(SAMPLES / 10);
        assertThat(waits).as("some waits in the lower half").anySatisfy(wait -> assertThat(wait).isLessThan(750L));
        assertThat(waits).as("some in the upper half").anySatisfy(wait -> assertThat(wait).isGreaterThan(750L));
    }

    @Test
    void zeroBackoffShouldNotWaitAtAll() {
        assertThat(waits(backoff("0s"), 3)).containsOnly(0L);
    }

    @Test
    void pauseShouldSleepAtLeastHalfTheWait() throws Exception {
        Backoff backoff = backoff("80ms");
        long started = System.nanoTime();

        backoff.pause(0);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    void retriesShouldBeTheConfiguredNumberOfFurtherAttempts() {
        assertThat(new Backoff(download(Map.of())).retries()).as("default").isEqualTo(4);
        assertThat(new Backoff(download(Map.of("mirror.download.retries", "7"))).retries()).isEqualTo(7);
    }

    private static List<Long> waits(Backoff backoff, int attempt) {
        return IntStream.range(0, SAMPLES).mapToObj(sample -> backoff.millisBefore(attempt)).toList();
    }

    private static Backoff backoff(String retryBackoff) {
        return new Backoff(download(Map.of("mirror.download.retry-backoff", retryBackoff)));
    }

    /** Bound as the application binds it, defaults included. */
    private static DownloadProperties download(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("mirror.download", DownloadProperties.class);
    }
}
