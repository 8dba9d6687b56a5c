package dev.flatcarmirror.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trusted certificates at one moment, by primary fingerprint, and their armored form. Never changed: a fetch
 * that learns something builds a new one and the keyring swaps it in whole, so a reader (a signature check, the
 * expiry gauge, health, {@code /keys/signing-key.asc}) always sees one consistent set and never waits for a fetch.
 */
final class TrustedKeys {

    private static final Logger log = LoggerFactory.getLogger(TrustedKeys.class);

    static final TrustedKeys NONE = new TrustedKeys(Map.of());

    private final Map<String, OpenPGPCertificate> byPrimary;
    private final String armored;

    private TrustedKeys(Map<String, OpenPGPCertificate> byPrimary) {
        this.byPrimary = Collections.unmodifiableMap(new LinkedHashMap<>(byPrimary));
        StringBuilder out = new StringBuilder();
        for (OpenPGPCertificate certificate : this.byPrimary.values()) {
            try {
                out.append(certificate.toAsciiArmoredString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.armored = out.toString();
    }

    boolean isEmpty() {
        return byPrimary.isEmpty();
    }

    List<OpenPGPCertificate> certificates() {
        return List.copyOf(byPrimary.values());
    }

    /** The effective public keys, armored, for clients such as {@code flatcar-install -k}; empty when none. */
    String armored() {
        return armored;
    }

    List<SigningKeyStatus> status(Instant now, Duration expiryWarning) {
        return byPrimary.entrySet().stream()
                .map(entry -> Certificates.status(entry.getKey(), entry.getValue(), now, expiryWarning))
                .toList();
    }

    /**
     * These keys with what {@code read} adds, merged (never replaced), so that a fresh copy lacking a revocation we
     * have seen cannot bring a revoked subkey back. Certificates whose primary is not pinned are left out.
     */
    TrustedKeys with(List<OpenPGPCertificate> read, List<String> pinned, String source) {
        Map<String, OpenPGPCertificate> merged = new LinkedHashMap<>(byPrimary);
        for (OpenPGPCertificate certificate : read) {
            String fingerprint = Certificates.fingerprint(certificate);
            if (!pinned.contains(fingerprint)) {
                log.warn("Ignoring key {} from {}: its primary fingerprint is not in mirror.signing.trusted-fingerprints", fingerprint, source);
                continue;
            }
            merged.merge(fingerprint, certificate, TrustedKeys::join);
            log.info("Trusting signing key {} from {}", fingerprint, source);
        }
        return new TrustedKeys(merged);
    }

    private static OpenPGPCertificate join(OpenPGPCertificate known, OpenPGPCertificate fresh) {
        try {
            return Certificates.join(known, fresh);
        } catch (PGPException e) {
            log.warn("Cannot merge a fresh copy of key {}; keeping the known one: {}", known.getKeyIdentifier(), e.getMessage());
            return known;
        }
    }
}
