package dev.flatcarmirror.sync;

import dev.flatcarmirror.upstream.DownloadProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Waits between attempts: exponential, capped at a minute, with jitter so that mirrors
 * retrying the same CDN hiccup do not come back in step.
 */
@Component
class Backoff {

    private static final Duration CAP = Duration.ofMinutes(1);

    private final DownloadProperties properties;

    Backoff(DownloadProperties properties) {
        this.properties = properties;
    }

    int retries() {
        return properties.retries();
    }

    /** Before retry number {@code attempt} (0 for the first retry). */
    void pause(int attempt) throws InterruptedException {
        Thread.sleep(millisBefore(attempt));
    }

    /** How long {@link #pause} waits: package-private so a test can check the cap without waiting a minute. */
    long millisBefore(int attempt) {
        long base = properties.retryBackoff().toMillis() << Math.min(attempt, 16);
        long capped = Math.min(base, CAP.toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
