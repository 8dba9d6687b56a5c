package dev.flatcarmirror.verify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps the signing key current without restarts: fetches the key URL again on
 * {@code mirror.signing.refresh-interval}, and warns (log, gauge, health) while the newest
 * signing subkey is within {@code mirror.signing.expiry-warning} of its expiry. On a thread of its own: a key URL
 * that stalls until its deadline must not hold up other scheduled work, such as the at-rest check.
 */
@Component
class KeyMaintenance {

    private static final Logger log = LoggerFactory.getLogger(KeyMaintenance.class);

    private final SigningKeyring keyring;
    private final SigningProperties properties;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Clock clock;

    KeyMaintenance(SigningKeyring keyring, SigningProperties properties, Clock clock, MeterRegistry registry) {
        this.keyring = keyring;
        this.properties = properties;
        this.clock = clock;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("key-maintenance-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        Gauge.builder("flatcar_mirror_signing_key_expiry_seconds", this, KeyMaintenance::secondsUntilExpiry)
                .description("Seconds until the longest-lived current signing subkey expires (+Inf when it never does, -1 when none is valid)")
                .baseUnit("seconds")
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::refreshAndCheck, Instant.now(clock).plus(properties.refreshInterval()),
                properties.refreshInterval());
        checkExpiry();
    }

    void refreshAndCheck() {
        try {
            keyring.refresh();
            checkExpiry();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again.
            log.error("Signing key maintenance failed unexpectedly", e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }

    void checkExpiry() {
        for (SigningKeyStatus status : keyring.signingKeyStatus()) {
            if (status.subkeyFingerprint() == null) {
                log.warn("Trusted key {} has no valid signing subkey: new releases cannot be verified until it publishes one",
                        status.primaryFingerprint());
            } else if (status.expiringSoon()) {
                log.warn("Signing subkey {} of {} expires {}, in {} days; no successor is known yet",
                        status.subkeyFingerprint(), status.primaryFingerprint(), status.expiresAt(),
                        Duration.between(Instant.now(clock), status.expiresAt()).toDays());
            }
        }
    }

    private double secondsUntilExpiry() {
        double best = -1;
        for (SigningKeyStatus status : keyring.signingKeyStatus()) {
            if (status.subkeyFingerprint() == null) {
                continue;
            }
            double seconds = status.expiresAt() == null ? Double.POSITIVE_INFINITY
                    : Duration.between(Instant.now(clock), status.expiresAt()).toSeconds();
            best = Math.max(best, seconds);
        }
        return best;
    }
}
