package dev.flatcarmirror.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.flatcarmirror.testsupport.FakeUpstream;
import dev.flatcarmirror.testsupport.TestSigningKey;
import dev.flatcarmirror.testsupport.TestSigningKey.SignatureOptions;
import dev.flatcarmirror.upstream.DownloadProperties;
import dev.flatcarmirror.upstream.UpstreamClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The signature policy, one rule per test, with keys generated at test time. */
class SignatureVerifierTest {

    private static final byte[] DOCUMENT = "FLATCAR_VERSION=1000.2.0\n".getBytes(StandardCharsets.UTF_8);
    private static final TestSigningKey KEY = TestSigningKey.generate();
    private static final FakeUpstream KEY_SERVER = FakeUpstream.start();
    private static final UpstreamClient UPSTREAM_CLIENT = new UpstreamClient(new DownloadProperties(Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(10), DataSize.ofGigabytes(1), DataSize.ofKilobytes(64), 5, 2, 1,
            DataSize.ofBytes(0), Duration.ofSeconds(60), 0, Duration.ZERO));

    @TempDir
    Path keys;

    @AfterAll
    static void stopKeyServer() {
        KEY_SERVER.close();
    }

    @Test
    void signatureBySigningSubkeyShouldBeAcceptedNamingSubkeyAndPrimary() throws Exception {
        Verification verification = verify(verifierTrusting(KEY), KEY.sign(DOCUMENT), DOCUMENT);

        assertThat(verification.signingKeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint());
        assertThat(verification.primaryKeyFingerprint()).isEqualTo(KEY.primaryFingerprint());
    }

    @Test
    void alteredDocumentShouldBeRejectedAsBadSignature() {
        byte[] altered = DOCUMENT.clone();
        altered[3] ^= 1;

        assertRejected(verifierTrusting(KEY), KEY.sign(DOCUMENT), altered, RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void signatureByAnotherKeyShouldBeRejectedAsUnknownKey() {
        TestSigningKey stranger = TestSigningKey.generate();

        assertRejected(verifierTrusting(KEY), stranger.sign(DOCUMENT), DOCUMENT, RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void keyWhosePrimaryIsNotPinnedShouldNeverBeUsed() throws IOException {
        TestSigningKey stranger = TestSigningKey.generate();
        SigningProperties properties = properties(List.of(KEY.primaryFingerprint()), "", keyFile(stranger.publicKeyArmored()));
        SignatureVerifier verifier = verifier(properties);

        assertRejected(verifier, stranger.sign(DOCUMENT), DOCUMENT, RejectionReason.NO_TRUSTED_KEY);
    }

    @Test
    void sha1SignatureShouldBeRejectedAsWeakHash() {
        byte[] signature = KEY.sign(DOCUMENT, SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA1));

        assertRejected(verifierTrusting(KEY), signature, DOCUMENT, RejectionReason.WEAK_HASH);
    }

    @Test
    void textModeSignatureShouldBeRejectedAsWrongSignatureType() {
        byte[] signature = KEY.sign(DOCUMENT, SignatureOptions.defaults().withSignatureType(PGPSignature.CANONICAL_TEXT_DOCUMENT));

        assertRejected(verifierTrusting(KEY), signature, DOCUMENT, RejectionReason.SIGNATURE_TYPE);
    }

    @Test
    void signatureDatedInTheFutureShouldBeRejected() {
        byte[] signature = KEY.sign(DOCUMENT, SignatureOptions.defaults().withCreated(Instant.now().plus(Duration.ofHours(2))));

        assertRejected(verifierTrusting(KEY), signature, DOCUMENT, RejectionReason.FUTURE_SIGNATURE);
    }

    @Test
    void signatureBy1024BitSubkeyShouldBeRejectedAsWeakKey() {
        TestSigningKey weak = TestSigningKey.generate(TestSigningKey.Options.defaults().withSubkeyBits(1024));

        assertRejected(verifierTrusting(weak), weak.sign(DOCUMENT), DOCUMENT, RejectionReason.WEAK_KEY);
    }

    @Test
    void signatureByCertifyOnlyPrimaryShouldBeRejected() {
        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> verify(verifierTrusting(KEY), KEY.signWithPrimaryKey(DOCUMENT), DOCUMENT));
    }

    @Test
    void signatureMadeWhileSubkeyWasValidShouldStayValidAfterItExpired() throws Exception {
        Instant created = Instant.now().minus(Duration.ofDays(30));
        TestSigningKey expired = TestSigningKey.generate(TestSigningKey.Options.defaults()
                .withSubkeyCreated(created).withSubkeyExpiresAfter(Duration.ofDays(10)));
        byte[] signature = expired.sign(DOCUMENT, SignatureOptions.defaults().withCreated(created.plus(Duration.ofDays(1))));

        assertThat(verify(verifierTrusting(expired), signature, DOCUMENT).signingKeyFingerprint())
                .isEqualTo(expired.signingSubkeyFingerprint());
    }

    @Test
    void signatureMadeAfterSubkeyExpiredShouldBeRejectedAsKeyExpired() {
        Instant created = Instant.now().minus(Duration.ofDays(30));
        TestSigningKey expired = TestSigningKey.generate(TestSigningKey.Options.defaults()
                .withSubkeyCreated(created).withSubkeyExpiresAfter(Duration.ofDays(10)));

        assertRejected(verifierTrusting(expired), expired.sign(DOCUMENT), DOCUMENT, RejectionReason.KEY_EXPIRED);
    }

    @Test
    void subkeyRevokedAsCompromisedShouldBeRejectedEvenForOlderSignatures() throws IOException {
        byte[] signedBefore = KEY.sign(DOCUMENT, SignatureOptions.defaults().withCreated(Instant.now().minus(Duration.ofHours(5))));
        String revoked = KEY.revokeSigningSubkey(RevocationReasonTags.KEY_COMPROMISED, new Date());
        SignatureVerifier verifier = verifier(properties(List.of(KEY.primaryFingerprint()), "", keyFile(revoked)));

        assertRejected(verifier, signedBefore, DOCUMENT, RejectionReason.KEY_REVOKED);
    }

    @Test
    void rotatedSubkeyShouldBeLearnedFromKeyUrlWhenSignatureNamesUnknownSubkey() throws Exception {
        TestSigningKey rotated = KEY.rotateSigningSubkey();
        KEY_SERVER.put("/rotated.asc", rotated.publicKeyArmored().getBytes(StandardCharsets.US_ASCII));
        SignatureVerifier verifier = verifier(properties(List.of(KEY.primaryFingerprint()),
                KEY_SERVER.url("/rotated.asc"), keyFile(KEY.publicKeyArmored())));

        Verification verification = verify(verifier, rotated.sign(DOCUMENT), DOCUMENT);

        assertThat(verification.signingKeyFingerprint()).isEqualTo(rotated.signingSubkeyFingerprint())
                .isNotEqualTo(KEY.signingSubkeyFingerprint());
    }

    @Test
    void refreshedKeyLackingKnownRevocationShouldNotBringRevokedSubkeyBack() throws Exception {
        String revoked = KEY.revokeSigningSubkey(RevocationReasonTags.KEY_COMPROMISED, new Date());
        KEY_SERVER.put("/stale.asc", KEY.publicKeyArmored().getBytes(StandardCharsets.US_ASCII));
        SigningProperties properties = properties(List.of(KEY.primaryFingerprint()), KEY_SERVER.url("/stale.asc"), keyFile(revoked));
        SigningKeyring keyring = new SigningKeyring(properties, new HttpKeyFetcher(UPSTREAM_CLIENT), Clock.systemUTC());
        SignatureVerifier verifier = new SignatureVerifier(keyring, properties, Clock.systemUTC());

        assertThat(keyring.refresh()).isTrue();

        assertRejected(verifier, KEY.sign(DOCUMENT), DOCUMENT, RejectionReason.KEY_REVOKED);
    }

    @Test
    void subkeyExpiringWithinTheWarningShouldBeReportedExpiringSoon() throws IOException {
        TestSigningKey expiring = TestSigningKey.generate(TestSigningKey.Options.defaults().withSubkeyExpiresAfter(Duration.ofDays(20)));
        SigningProperties properties = properties(List.of(expiring.primaryFingerprint(), KEY.primaryFingerprint()), "",
                keyFile(expiring.publicKeyArmored() + KEY.publicKeyArmored()));

        List<SigningKeyStatus> statuses = new SigningKeyring(properties, url -> new byte[0], Clock.systemUTC()).signingKeyStatus();

        assertThat(statuses).anySatisfy(status -> {
            assertThat(status.subkeyFingerprint()).isEqualTo(expiring.signingSubkeyFingerprint());
            assertThat(status.expiresAt()).isBefore(Instant.now().plus(Duration.ofDays(20)));
            assertThat(status.expiringSoon()).isTrue();
        });
        assertThat(statuses).anySatisfy(status -> {
            assertThat(status.subkeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint());
            assertThat(status.expiresAt()).isNull();
            assertThat(status.expiringSoon()).isFalse();
        });
    }

    @Test
    void rotationShouldMakeTheNewerSubkeyTheOneWatched() throws IOException {
        TestSigningKey rotated = KEY.rotateSigningSubkey();
        SigningProperties properties = properties(List.of(KEY.primaryFingerprint()), "", keyFile(rotated.publicKeyArmored()));

        List<SigningKeyStatus> statuses = new SigningKeyring(properties, url -> new byte[0], Clock.systemUTC()).signingKeyStatus();

        assertThat(statuses).singleElement().satisfies(status -> assertThat(status.subkeyFingerprint()).isIn(rotated.subkeyFingerprints()));
    }

    @Test
    void signatureFileWithNonSignaturePacketsShouldBeRejectedAsMalformed() {
        byte[] notASignature = KEY.publicKeyArmored().getBytes(StandardCharsets.US_ASCII);

        assertRejected(verifierTrusting(KEY), notASignature, DOCUMENT, RejectionReason.MALFORMED_SIGNATURE);
    }

    @Test
    void signatureFileWithUpToFourGoodSignaturesShouldBeAccepted() throws Exception {
        byte[] four = concat(KEY.sign(DOCUMENT), KEY.sign(DOCUMENT), KEY.sign(DOCUMENT), KEY.sign(DOCUMENT));

        assertThat(verify(verifierTrusting(KEY), four, DOCUMENT).signingKeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint());
    }

    @Test
    void signatureFileWithMoreThanFourSignaturesShouldBeRejectedAsMalformedBeforeAnyHashing() {
        byte[] five = concat(KEY.sign(DOCUMENT), KEY.sign(DOCUMENT), KEY.sign(DOCUMENT), KEY.sign(DOCUMENT), KEY.sign(DOCUMENT));

        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> verifierTrusting(KEY).begin(five))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED_SIGNATURE))
                .withMessageContaining("more than 4 signatures");
    }

    @Test
    void signatureFileWithOneGoodAndOneBadSignatureShouldBeRejectedAsBadSignatureLikeGpgDoes() {
        byte[] otherContent = "FLATCAR_VERSION=6666.2.0\n".getBytes(StandardCharsets.UTF_8);

        assertRejected(verifierTrusting(KEY), concat(KEY.sign(DOCUMENT), KEY.sign(otherContent)), DOCUMENT, RejectionReason.BAD_SIGNATURE);
        assertRejected(verifierTrusting(KEY), concat(KEY.sign(otherContent), KEY.sign(DOCUMENT)), DOCUMENT, RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void signatureFileWithAGoodSignatureAndOneByAnUnknownKeyShouldBeRejected() {
        TestSigningKey stranger = TestSigningKey.generate();

        assertRejected(verifierTrusting(KEY), concat(KEY.sign(DOCUMENT), stranger.sign(DOCUMENT)), DOCUMENT, RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void signatureFileWithAGoodSignatureAndAWeakOneShouldBeRejectedNamingTheWeakness() {
        byte[] sha1 = KEY.sign(DOCUMENT, SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA1));

        assertRejected(verifierTrusting(KEY), concat(KEY.sign(DOCUMENT), sha1), DOCUMENT, RejectionReason.WEAK_HASH);
    }

    @Test
    void documentFedInManyChunksShouldVerifyLikeOneBuffer() throws Exception {
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(large);
        SignatureCheck check = verifierTrusting(KEY).begin(KEY.sign(large));
        for (int offset = 0; offset < large.length; offset += 65_521) {
            check.update(large, offset, Math.min(65_521, large.length - offset));
        }

        assertThat(check.finish().signingKeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint());
    }

    @Test
    void givenSha512SignatureWhenCheckFinishesThenItShouldHandOutTheDocumentsSha512() throws Exception {
        byte[] document = random(3 * 1024 * 1024 + 17);
        SignatureCheck check = verifierTrusting(KEY).begin(KEY.sign(document));
        feedInChunks(check, document);

        check.finish();

        assertThat(check.documentDigestAlgorithm()).hasValue("SHA-512");
        assertThat(check.documentDigest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(document));
    }

    @Test
    void givenSha256SignatureWhenCheckFinishesThenItShouldHandOutTheDocumentsSha256() throws Exception {
        byte[] document = random(1024 * 1024 + 1);
        SignatureCheck check = verifierTrusting(KEY).begin(KEY.sign(document, SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA256)));
        feedInChunks(check, document);

        check.finish();

        assertThat(check.documentDigestAlgorithm()).hasValue("SHA-256");
        assertThat(check.documentDigest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(document));
    }

    @Test
    void givenSha384SignatureWhenCheckedThenItShouldBeVerifiedAsBeforeButOfferNoDigestToReuse() throws Exception {
        SignatureCheck check = verifierTrusting(KEY).begin(KEY.sign(DOCUMENT, SignatureOptions.defaults().withHashAlgorithm(HashAlgorithmTags.SHA384)));
        check.update(DOCUMENT, 0, DOCUMENT.length);

        assertThat(check.finish().signingKeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint());
        assertThat(check.documentDigestAlgorithm()).isEmpty();
    }

    @Test
    void givenAlteredDocumentWhenCheckFailsThenNoDocumentDigestShouldBeHandedOut() throws Exception {
        byte[] altered = DOCUMENT.clone();
        altered[0] ^= 1;
        SignatureCheck check = verifierTrusting(KEY).begin(KEY.sign(DOCUMENT));
        check.update(altered, 0, altered.length);

        assertThatExceptionOfType(SignatureRejectedException.class).isThrownBy(check::finish)
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(check::documentDigest);
    }

    @Test
    void givenSignatureValueWithLeadingZeroBytesWhenCheckedThenItShouldStillBeAccepted() throws Exception {
        // OpenPGP drops leading zero bytes of the RSA value; about one signature in 256 is a byte short.
        byte[] document = DOCUMENT.clone();
        byte[] signature = null;
        for (int attempt = 0; signature == null && attempt < 20_000; attempt++) {
            document[document.length - 1] = (byte) attempt;
            document[document.length - 2] = (byte) (attempt >> 8);
            byte[] candidate = KEY.sign(document);
            PGPSignature parsed = ((org.bouncycastle.openpgp.PGPSignatureList)
                    new org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory(candidate).nextObject()).get(0);
            if (parsed.getSignature().length < 2048 / 8) {
                signature = candidate;
            }
        }

        assertThat(signature).as("a signature one byte short of the 2048-bit modulus").isNotNull();
        assertThat(verify(verifierTrusting(KEY), signature, document).signingKeyFingerprint()).isEqualTo(KEY.signingSubkeyFingerprint());
    }

    private static void feedInChunks(SignatureCheck check, byte[] document) {
        // Uneven chunks, as a download arrives.
        for (int offset = 0, chunk = 1; offset < document.length; offset += chunk, chunk = chunk * 3 % 100_003 + 1) {
            check.update(document, offset, Math.min(chunk, document.length - offset));
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private SignatureVerifier verifierTrusting(TestSigningKey key) {
        try {
            return verifier(properties(List.of(key.primaryFingerprint()), "", keyFile(key.publicKeyArmored())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SignatureVerifier verifier(SigningProperties properties) {
        return new SignatureVerifier(new SigningKeyring(properties, new HttpKeyFetcher(UPSTREAM_CLIENT), Clock.systemUTC()), properties, Clock.systemUTC());
    }

    private static SigningProperties properties(List<String> fingerprints, String keyUrl, Path keyFile) {
        return new SigningProperties(fingerprints, keyUrl, List.of(keyFile), Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(24), Duration.ofDays(42), Duration.ofDays(30));
    }

    private Path keyFile(String armored) throws IOException {
        return Files.writeString(Files.createTempFile(keys, "key", ".asc"), armored);
    }

    private static Verification verify(SignatureVerifier verifier, byte[] signature, byte[] document) throws SignatureRejectedException {
        SignatureCheck check = verifier.begin(signature);
        check.update(document, 0, document.length);
        return check.finish();
    }

    private static void assertRejected(SignatureVerifier verifier, byte[] signature, byte[] document, RejectionReason reason) {
        assertThatExceptionOfType(SignatureRejectedException.class)
                .isThrownBy(() -> verify(verifier, signature, document))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason))
                .withMessageStartingWith(reason.code());
    }
}
