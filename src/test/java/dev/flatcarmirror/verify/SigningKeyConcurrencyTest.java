package dev.flatcarmirror.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.flatcarmirror.testsupport.TestSigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bouncy Castle caches what it evaluates of a certificate (a signature is marked tested before it is checked) and
 * shares mutable signature objects, without a lock of its own. The scrape (expiry gauge), health and signature checks
 * all evaluate the same certificates at any moment, so every evaluation holds the certificate's lock.
 * (Bouncy Castle 1.87 happens to check self-signatures when it parses a certificate, which is why the stress test
 * below found no false "unbound" even before the lock; it stays as a guard should that ever become lazy.)
 */
class SigningKeyConcurrencyTest {

    private static final byte[] DOCUMENT = "FLATCAR_VERSION=1000.2.0\n".getBytes(StandardCharsets.UTF_8);
    private static final TestSigningKey KEY = TestSigningKey.generate();
    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    @TempDir
    Path keys;

    @Test
    void keyStatusShouldBeEvaluatedUnderTheCertificateLockThatSignatureChecksTake() throws Exception {
        SigningKeyring keyring = new SigningKeyring(properties(), url -> new byte[0], Clock.systemUTC());
        OpenPGPCertificate certificate = keyring.certificates().get(0);
        CompletableFuture<List<SigningKeyStatus>> status;

        synchronized (certificate) {
            status = CompletableFuture.supplyAsync(keyring::signingKeyStatus);
            assertThatExceptionOfType(TimeoutException.class).as("the status waits while a signature check evaluates the certificate")
                    .isThrownBy(() -> status.get(500, TimeUnit.MILLISECONDS));
        }

        assertThat(status.get(10, TimeUnit.SECONDS)).singleElement()
                .satisfies(found -> assertThat(found.subkeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint()));
    }

    @Test
    void concurrentStatusReadsAndSignatureChecksOnAFreshKeyringShouldAllSeeTheBoundSubkey() throws Exception {
        SigningProperties properties = properties();
        byte[] signature = KEY.sign(DOCUMENT);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // A keyring per round: its certificates have evaluated nothing yet, as after a start or a key refresh.
                SigningKeyring keyring = new SigningKeyring(properties, url -> new byte[0], Clock.systemUTC());
                SignatureVerifier verifier = new SignatureVerifier(keyring, properties, Clock.systemUTC());
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int thread = 0; thread < THREADS; thread++) {
                    boolean reader = thread % 2 == 0;
                    outcomes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        if (reader) {
                            return keyring.signingKeyStatus().get(0).subkeyFingerprint();
                        }
                        SignatureCheck check = verifier.begin(signature);
                        check.update(DOCUMENT, 0, DOCUMENT.length);
                        return check.finish().signingKeyFingerprint();
                    }));
                }
                for (Future<String> outcome : outcomes) {
                    assertThat(outcome.get(30, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(KEY.signingSubkeyFingerprint());
                }
                assertThat(keyring.signingKeyStatus()).as("round %d, afterwards", round).singleElement()
                        .satisfies(status -> assertThat(status.subkeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private SigningProperties properties() throws java.io.IOException {
        Path keyFile = Files.writeString(keys.resolve("key.asc"), KEY.publicKeyArmored());
        return new SigningProperties(List.of(KEY.primaryFingerprint()), "", List.of(keyFile),
                Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(24), Duration.ofDays(42), Duration.ofDays(30));
    }
}
