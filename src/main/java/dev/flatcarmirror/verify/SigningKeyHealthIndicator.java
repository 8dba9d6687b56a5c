package dev.flatcarmirror.verify;

import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the signing keys in {@code /actuator/health}: always UP (serving does not depend on it),
 * with a {@code warning} detail while the newest signing subkey is about to expire or none is valid.
 */
@Component("signingKey")
class SigningKeyHealthIndicator implements HealthIndicator {

    private final SigningKeyring keyring;

    SigningKeyHealthIndicator(SigningKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public Health health() {
        List<SigningKeyStatus> statuses = keyring.signingKeyStatus();
        Health.Builder health = Health.up().withDetail("keys", statuses.stream().map(status -> Map.of(
                "primary", status.primaryFingerprint(),
                "signingSubkey", String.valueOf(status.subkeyFingerprint()),
                "expiresAt", String.valueOf(status.expiresAt()))).toList());
        String fetchError = keyring.lastFetchError();
        if (fetchError != null) {
            health.withDetail("lastFetchError", fetchError);
        }
        if (statuses.isEmpty()) {
            health.withDetail("warning", "no trusted signing key is loaded" + (fetchError == null ? "" : ": " + fetchError));
        } else if (statuses.stream().anyMatch(SigningKeyStatus::expiringSoon)) {
            health.withDetail("warning", "a signing subkey expires soon or none is valid; see the keys");
        }
        return health.build();
    }
}
