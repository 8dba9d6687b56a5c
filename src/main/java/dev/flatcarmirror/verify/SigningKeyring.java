package dev.flatcarmirror.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The trusted signing certificates: read from the configured files and URL, kept only when
 * their primary fingerprint is pinned, and merged (never replaced) when read again, so a
 * refreshed copy that lacks a revocation we have seen cannot bring a revoked subkey back.
 */
@Component
class SigningKeyring {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyring.class);

    private final SigningProperties properties;
    private final KeyFetcher fetcher;
    private final Clock clock;
    private final List<String> pinned;
    private final Map<String, OpenPGPCertificate> trusted = new LinkedHashMap<>();
    private Instant lastFetch = Instant.MIN;
    private String lastFetchError;

    SigningKeyring(SigningProperties properties, KeyFetcher fetcher, Clock clock) {
        this.properties = properties;
        this.fetcher = fetcher;
        this.clock = clock;
        this.pinned = properties.normalizedFingerprints();
        for (Path file : properties.keyFiles()) {
            try {
                mergeAll(Files.readAllBytes(file), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("mirror.signing.key-files: cannot read key file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The trusted certificates, fetching the key URL first if nothing is known yet (at most once per
     * {@code refresh-min-interval}, so an unreachable URL does not slow every signature check).
     */
    public synchronized List<OpenPGPCertificate> certificates() {
        if (trusted.isEmpty()) {
            refresh();
        }
        return List.copyOf(trusted.values());
    }

    /**
     * Fetches the key URL again, unless that was done recently; called when a signature names
     * a subkey we do not know, which is how a rotated subkey is picked up without a restart.
     *
     * @return whether anything new may have been learned
     */
    public synchronized boolean refresh() {
        if (Instant.now(clock).isBefore(lastFetch.plus(properties.refreshMinInterval()))) {
            return false;
        }
        return fetch();
    }

    /**
     * For each trusted key, the signing subkey valid now that lives longest; a key with none is
     * reported with a null subkey, since it cannot verify any new release.
     */
    public synchronized List<SigningKeyStatus> signingKeyStatus() {
        java.util.Date now = java.util.Date.from(Instant.now(clock));
        List<SigningKeyStatus> statuses = new ArrayList<>();
        for (Map.Entry<String, OpenPGPCertificate> entry : trusted.entrySet()) {
            OpenPGPCertificate.OpenPGPComponentKey best = null;
            Instant bestExpiry = null;
            for (OpenPGPCertificate.OpenPGPComponentKey key : entry.getValue().getSigningKeys(now)) {
                java.util.Date expiry = key.getKeyExpirationDateAt(now);
                Instant expiresAt = expiry == null ? Instant.MAX : expiry.toInstant();
                if (best == null || expiresAt.isAfter(bestExpiry)) {
                    best = key;
                    bestExpiry = expiresAt;
                }
            }
            Instant expiresAt = bestExpiry == null || bestExpiry.equals(Instant.MAX) ? null : bestExpiry;
            boolean soon = best == null || (expiresAt != null && expiresAt.isBefore(now.toInstant().plus(properties.expiryWarning())));
            statuses.add(new SigningKeyStatus(entry.getKey(),
                    best == null ? null : Hex.toHexString(best.getPGPPublicKey().getFingerprint()).toUpperCase(java.util.Locale.ROOT),
                    expiresAt, soon));
        }
        return statuses;
    }

    /** Why the last fetch failed, or null. */
    public synchronized String lastFetchError() {
        return lastFetchError;
    }

    /** The effective public keys, armored, for clients such as {@code flatcar-install -k}. */
    public String armored() {
        StringBuilder out = new StringBuilder();
        for (OpenPGPCertificate certificate : certificates()) {
            try {
                out.append(certificate.toAsciiArmoredString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private boolean fetch() {
        if (properties.keyUrl().isEmpty()) {
            return false;
        }
        lastFetch = Instant.now(clock);
        try {
            mergeAll(fetcher.fetch(properties.keyUrl()), properties.keyUrl());
            lastFetchError = null;
            return true;
        } catch (IOException | RuntimeException e) {
            lastFetchError = "cannot fetch signing key from " + properties.keyUrl() + ": " + e.getMessage();
            log.warn(lastFetchError);
            return false;
        }
    }

    private void mergeAll(byte[] armored, String source) throws IOException {
        List<OpenPGPCertificate> read = new ArrayList<>(new OpenPGPKeyReader().parseCertificates(armored));
        if (read.isEmpty()) {
            throw new IOException("no OpenPGP public key in " + source);
        }
        for (OpenPGPCertificate certificate : read) {
            String fingerprint = Hex.toHexString(certificate.getFingerprint()).toUpperCase(java.util.Locale.ROOT);
            if (!pinned.contains(fingerprint)) {
                log.warn("Ignoring key {} from {}: its primary fingerprint is not in mirror.signing.trusted-fingerprints", fingerprint, source);
                continue;
            }
            trusted.merge(fingerprint, certificate, SigningKeyring::join);
            log.info("Trusting signing key {} from {}", fingerprint, source);
        }
    }

    private static OpenPGPCertificate join(OpenPGPCertificate known, OpenPGPCertificate fresh) {
        try {
            return OpenPGPCertificate.join(known, fresh);
        } catch (PGPException e) {
            log.warn("Cannot merge a fresh copy of key {}; keeping the known one: {}", known.getKeyIdentifier(), e.getMessage());
            return known;
        }
    }
}
