package dev.flatcarmirror.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureProcessor;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestSigningKeyTest {

    private static final byte[] DATA = "FLATCAR_VERSION=1000.2.0\n".getBytes(StandardCharsets.US_ASCII);

    // Key generation is the slow part, so tests that do not need a special key share this one.
    private static TestSigningKey key;

    @BeforeAll
    static void generateKey() {
        key = TestSigningKey.generate();
    }

    @Test
    void signatureMadeBySignShouldVerifyAgainstThePublicCertificate() throws Exception {
        List<OpenPGPDocumentSignature> signatures = verify(key.publicKeyArmored(), DATA, key.sign(DATA));

        assertThat(signatures).hasSize(1);
        assertThat(signatures.get(0).isValid()).isTrue();
    }

    @Test
    void signatureShouldBeMadeByTheSigningSubkeyNotThePrimary() throws Exception {
        OpenPGPDocumentSignature signature = verify(key.publicKeyArmored(), DATA, key.sign(DATA)).get(0);

        assertThat(signature.getIssuer().isPrimaryKey()).isFalse();
        assertThat(hex(signature.getIssuer().getPGPPublicKey().getFingerprint()))
                .isEqualTo(key.signingSubkeyFingerprint())
                .isNotEqualTo(key.primaryFingerprint());
    }

    @Test
    void signatureOverTamperedDataShouldNotVerify() throws Exception {
        byte[] tampered = "FLATCAR_VERSION=1000.2.1\n".getBytes(StandardCharsets.US_ASCII);

        List<OpenPGPDocumentSignature> signatures = verify(key.publicKeyArmored(), tampered, key.sign(DATA));

        assertThat(signatures).noneMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void signatureByTheCertifyOnlyPrimaryKeyShouldNotVerify() throws Exception {
        List<OpenPGPDocumentSignature> signatures =
                verify(key.publicKeyArmored(), DATA, key.signWithPrimaryKey(DATA));

        assertThat(signatures).noneMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void certificateShouldBeShapedLikeFlatcarsCertifyOnlyPrimaryWithABackSignedSigningSubkey()
            throws Exception {
        PGPPublicKeyRing ring = parse(key.publicKeyArmored()).getPGPPublicKeyRing();
        PGPPublicKey primary = ring.getPublicKey();
        List<PGPPublicKey> subkeys = subkeysOf(ring);

        assertThat(hex(primary.getFingerprint())).isEqualTo(key.primaryFingerprint()).matches("[0-9A-F]{40}");
        assertThat(primary.getUserIDs().next()).isEqualTo("Test Buildbot <buildbot@example.test>");
        PGPSignature userIdCertification = primary.getSignaturesOfType(PGPSignature.POSITIVE_CERTIFICATION).next();
        assertThat(userIdCertification.getHashedSubPackets().getKeyFlags()).isEqualTo(KeyFlags.CERTIFY_OTHER);

        assertThat(subkeys).hasSize(1);
        PGPPublicKey subkey = subkeys.get(0);
        assertThat(hex(subkey.getFingerprint())).isEqualTo(key.signingSubkeyFingerprint()).matches("[0-9A-F]{40}");
        PGPSignature binding = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING).next();
        assertThat(binding.getHashedSubPackets().getKeyFlags()).isEqualTo(KeyFlags.SIGN_DATA);
        assertThat(binding.getUnhashedSubPackets().getEmbeddedSignatures().get(0).getSignatureType())
                .isEqualTo(PGPSignature.PRIMARYKEY_BINDING);
    }

    @Test
    void signShouldWriteRawBinaryPacketsWithOldFormatHeadersLikeFlatcarsSigFiles() {
        byte[] signature = key.sign(DATA);

        // 0x89: old-format packet header, tag 2 (signature), two-byte length, as GnuPG writes it.
        assertThat(signature[0]).isEqualTo((byte) 0x89);
    }

    @Test
    void compromisedSubkeyRevocationShouldInvalidateEvenSignaturesMadeBeforeIt() throws Exception {
        byte[] signedEarlier = key.sign(DATA, TestSigningKey.SignatureOptions.defaults()
                .withCreated(Instant.now().minus(Duration.ofHours(1))));

        String revoked = key.revokeSigningSubkey(RevocationReasonTags.KEY_COMPROMISED, new Date());

        assertThat(verify(revoked, DATA, signedEarlier)).noneMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void retiredSubkeyShouldKeepSignaturesMadeBeforeItsRevocationValid() throws Exception {
        Instant now = Instant.now();
        byte[] signedBefore = key.sign(DATA, TestSigningKey.SignatureOptions.defaults()
                .withCreated(now.minus(Duration.ofHours(2))));
        byte[] signedAfter = key.sign(DATA);

        String retired = key.revokeSigningSubkey(RevocationReasonTags.KEY_RETIRED,
                Date.from(now.minus(Duration.ofHours(1))));

        assertThat(verify(retired, DATA, signedBefore)).allMatch(TestSigningKeyTest::isValid).hasSize(1);
        assertThat(verify(retired, DATA, signedAfter)).noneMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void expiredSubkeyShouldVerifySignaturesMadeWhileItWasValidButNotNewerOnes() throws Exception {
        Instant created = Instant.now().minus(Duration.ofDays(730));
        TestSigningKey expired = TestSigningKey.generate(TestSigningKey.Options.defaults()
                .withSubkeyCreated(created)
                .withSubkeyExpiresAfter(Duration.ofDays(365)));
        byte[] whileValid = expired.sign(DATA, TestSigningKey.SignatureOptions.defaults()
                .withCreated(created.plus(Duration.ofDays(10))));

        assertThat(verify(expired.publicKeyArmored(), DATA, whileValid)).hasSize(1).allMatch(TestSigningKeyTest::isValid);
        assertThat(verify(expired.publicKeyArmored(), DATA, expired.sign(DATA))).noneMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void rotatedKeyShouldSignWithANewSubkeyAndStillCarryTheOldOne() throws Exception {
        TestSigningKey rotated = key.rotateSigningSubkey();

        assertThat(rotated.primaryFingerprint()).isEqualTo(key.primaryFingerprint());
        assertThat(rotated.signingSubkeyFingerprint()).isNotEqualTo(key.signingSubkeyFingerprint());
        assertThat(rotated.subkeyFingerprints())
                .containsExactly(key.signingSubkeyFingerprint(), rotated.signingSubkeyFingerprint());
        assertThat(subkeysOf(parse(rotated.publicKeyArmored()).getPGPPublicKeyRing())).hasSize(2);

        OpenPGPDocumentSignature newSignature = verify(rotated.publicKeyArmored(), DATA, rotated.sign(DATA)).get(0);
        assertThat(newSignature.isValid()).isTrue();
        assertThat(hex(newSignature.getIssuer().getPGPPublicKey().getFingerprint()))
                .isEqualTo(rotated.signingSubkeyFingerprint());
        assertThat(verify(rotated.publicKeyArmored(), DATA, key.sign(DATA))).allMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void armoredCanonicalTextSignatureShouldVerifyRegardlessOfLineEndings() throws Exception {
        byte[] text = "line one\nline two\n".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(text, TestSigningKey.SignatureOptions.defaults()
                .withSignatureType(PGPSignature.CANONICAL_TEXT_DOCUMENT)
                .withHashAlgorithm(HashAlgorithmTags.SHA256)
                .withArmored(true));
        byte[] crlf = "line one\r\nline two\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(new String(signature, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP SIGNATURE-----");
        assertThat(verify(key.publicKeyArmored(), text, signature)).hasSize(1).allMatch(TestSigningKeyTest::isValid);
        assertThat(verify(key.publicKeyArmored(), crlf, signature)).hasSize(1).allMatch(TestSigningKeyTest::isValid);
    }

    @Test
    void signatureOptionsShouldChooseTheHashAlgorithmAndCreationTime() throws Exception {
        Instant created = Instant.parse("2030-01-01T00:00:00Z");
        TestSigningKey.SignatureOptions options = TestSigningKey.SignatureOptions.defaults().withCreated(created);

        PGPSignature sha1 = readSignature(key.sign(DATA, options.withHashAlgorithm(HashAlgorithmTags.SHA1)));
        PGPSignature md5 = readSignature(key.sign(DATA, options.withHashAlgorithm(HashAlgorithmTags.MD5)));

        assertThat(sha1.getHashAlgorithm()).isEqualTo(HashAlgorithmTags.SHA1);
        assertThat(md5.getHashAlgorithm()).isEqualTo(HashAlgorithmTags.MD5);
        assertThat(sha1.getCreationTime().toInstant()).isEqualTo(created);
    }

    @Test
    void weakSubkeyShouldHaveTheRequestedSize() throws Exception {
        TestSigningKey weak = TestSigningKey.generate(TestSigningKey.Options.defaults().withSubkeyBits(1024));

        PGPPublicKey subkey = subkeysOf(parse(weak.publicKeyArmored()).getPGPPublicKeyRing()).get(0);

        assertThat(subkey.getBitStrength()).isEqualTo(1024);
        // Bouncy Castle's default policy refuses it outright: the processor returns no signature at all.
        assertThat(verify(weak.publicKeyArmored(), DATA, weak.sign(DATA))).noneMatch(TestSigningKeyTest::isValid);
    }

    private static List<OpenPGPDocumentSignature> verify(String certificate, byte[] data, byte[] signature)
            throws IOException {
        return new OpenPGPDetachedSignatureProcessor()
                .addSignatures(new ByteArrayInputStream(signature))
                .addVerificationCertificate(parse(certificate))
                .process(new ByteArrayInputStream(data));
    }

    private static PGPSignature readSignature(byte[] packet) throws IOException {
        return ((PGPSignatureList) new BcPGPObjectFactory(packet).nextObject()).get(0);
    }

    private static OpenPGPCertificate parse(String armored) throws IOException {
        return new OpenPGPKeyReader().parseCertificate(armored);
    }

    private static boolean isValid(OpenPGPDocumentSignature signature) {
        try {
            return signature.isValid();
        } catch (Exception e) {
            return false;
        }
    }

    private static List<PGPPublicKey> subkeysOf(PGPPublicKeyRing ring) {
        List<PGPPublicKey> subkeys = new ArrayList<>();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey candidate = it.next();
            if (!candidate.isMasterKey()) {
                subkeys.add(candidate);
            }
        }
        return subkeys;
    }

    private static String hex(byte[] bytes) {
        return Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
    }
}
