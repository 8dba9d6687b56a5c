package dev.flatcarmirror.verify;

import dev.flatcarmirror.OutcomeCode;
import dev.flatcarmirror.upstream.UpstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The trusted signing certificates: read from the configured files and URL, kept only when their primary
 * fingerprint is pinned, and merged (never replaced) when read again. Readers get an immutable snapshot
 * ({@link TrustedKeys}) and never wait: a fetch runs outside any lock a reader takes, and its merged result is
 * swapped in at once. One fetch runs at a time; a caller that finds one under way does not wait for it.
 */
@Component
class SigningKeyring {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyring.class);

    /** Why the last fetch of the key URL failed: the reason's code and what happened. */
    record FetchFailure(OutcomeCode reason, String detail) {

        @Override
        public String toString() {
            return reason.code() + ": " + detail;
        }
    }

    private final SigningProperties properties;
    private final KeyFetcher fetcher;
    private final Clock clock;
    private final List<String> pinned;
    private final AtomicReference<TrustedKeys> keys = new AtomicReference<>(TrustedKeys.NONE);
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Instant lastFetch = Instant.MIN;
    private volatile FetchFailure lastFailure;

    SigningKeyring(SigningProperties properties, KeyFetcher fetcher, Clock clock) {
        this.properties = properties;
        this.fetcher = fetcher;
        this.clock = clock;
        this.pinned = properties.normalizedFingerprints();
        for (Path file : properties.keyFiles()) {
            try {
                keys.set(keys.get().with(read(Files.readAllBytes(file), file.toString()), pinned, file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("mirror.signing.key-files: cannot read key file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The keys as they stand; never waits. */
    TrustedKeys current() {
        return keys.get();
    }

    /**
     * The trusted certificates, fetching the key URL first if nothing is known yet (at most once per
     * {@code refresh-min-interval}, so an unreachable URL does not slow every signature check).
     */
    public List<OpenPGPCertificate> certificates() {
        if (keys.get().isEmpty()) {
            refresh();
        }
        return keys.get().certificates();
    }

    /**
     * Fetches the key URL again, unless that was done recently or a fetch is under way; called on a schedule, and
     * when a signature names a subkey we do not know, which is how a rotated subkey is picked up without a restart.
     *
     * @return whether anything new may have been learned
     */
    public boolean refresh() {
        if (properties.keyUrl().isEmpty() || !fetching.tryLock()) {
            return false;
        }
        try {
            if (Instant.now(clock).isBefore(lastFetch.plus(properties.refreshMinInterval()))) {
                return false;
            }
            lastFetch = Instant.now(clock);
            return fetch(properties.keyUrl());
        } finally {
            fetching.unlock();
        }
    }

    private boolean fetch(String url) {
        byte[] armored;
        try {
            armored = fetcher.fetch(url);
        } catch (UpstreamException e) {
            return failed(new FetchFailure(e.reason(), e.getMessage()));
        }
        try {
            keys.set(keys.get().with(read(armored, url), pinned, url));
            lastFailure = null;
            return true;
        } catch (IOException | RuntimeException e) {
            return failed(new FetchFailure(RejectionReason.NO_TRUSTED_KEY, url + " holds no usable OpenPGP key: " + e.getMessage()));
        }
    }

    private boolean failed(FetchFailure failure) {
        lastFailure = failure;
        log.warn("Cannot fetch the signing key from {} ({}); keeping the keys known so far: {}", properties.keyUrl(),
                failure.reason().code(), failure.detail());
        return false;
    }

    /** For each trusted key, the signing subkey valid now that lives longest (null when none is). */
    public List<SigningKeyStatus> signingKeyStatus() {
        return keys.get().status(Instant.now(clock), properties.expiryWarning());
    }

    /** Why the last fetch failed ({@code "timeout: ..."}), or null. */
    public String lastFetchError() {
        FetchFailure failure = lastFailure;
        return failure == null ? null : failure.toString();
    }

    /** The effective public keys, armored, for clients such as {@code flatcar-install -k}. */
    public String armored() {
        return keys.get().armored();
    }

    private static List<OpenPGPCertificate> read(byte[] armored, String source) throws IOException {
        List<OpenPGPCertificate> read = new ArrayList<>(new OpenPGPKeyReader().parseCertificates(armored));
        if (read.isEmpty()) {
            throw new IOException("no OpenPGP public key in " + source);
        }
        return read;
    }
}
