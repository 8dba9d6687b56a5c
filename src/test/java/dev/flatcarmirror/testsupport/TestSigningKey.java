package dev.flatcarmirror.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;

/**
 * An OpenPGP key generated per test run, shaped like Flatcar's image signing key: an RSA primary
 * key that only certifies, and RSA signing subkeys bound to it (with a GnuPG-style embedded
 * back-signature) that do the actual signing. Instances are immutable; "changes" such as rotation
 * or revocation return a new instance so a test can hold the before and after side by side.
 */
public final class TestSigningKey {

    public static final String USER_ID = "Test Buildbot <buildbot@example.test>";

    private static final int PRIMARY_BITS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PGPKeyPair primary;
    /** Primary public key carrying the user id self-certification. */
    private final PGPPublicKey certifiedPrimary;
    /** Every subkey ever added, oldest first, each with its binding (and maybe revocation) signatures. */
    private final List<PGPPublicKey> subkeys;
    private final PGPKeyPair signer;

    private TestSigningKey(PGPKeyPair primary, PGPPublicKey certifiedPrimary, List<PGPPublicKey> subkeys,
            PGPKeyPair signer) {
        this.primary = primary;
        this.certifiedPrimary = certifiedPrimary;
        this.subkeys = List.copyOf(subkeys);
        this.signer = signer;
    }

    /** Shape of a generated key; times are truncated to seconds because that is all OpenPGP stores. */
    public record Options(int subkeyBits, Instant primaryCreated, Instant subkeyCreated, Duration subkeyExpiresAfter) {

        /** A 2048-bit subkey that never expires, both keys created a day ago so "now" is safely inside their life. */
        public static Options defaults() {
            Instant dayAgo = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            return new Options(2048, dayAgo, dayAgo, Duration.ZERO);
        }

        public Options withSubkeyBits(int bits) {
            return new Options(bits, primaryCreated, subkeyCreated, subkeyExpiresAfter);
        }

        public Options withPrimaryCreated(Instant created) {
            return new Options(subkeyBits, created.truncatedTo(ChronoUnit.SECONDS), subkeyCreated, subkeyExpiresAfter);
        }

        /**
         * Also moves the primary's creation back if needed: a subkey older than its primary would make
         * the binding signature predate the primary, which is a broken key rather than the old one wanted.
         */
        public Options withSubkeyCreated(Instant created) {
            Instant subkey = created.truncatedTo(ChronoUnit.SECONDS);
            Instant primaryTime = primaryCreated.isAfter(subkey) ? subkey : primaryCreated;
            return new Options(subkeyBits, primaryTime, subkey, subkeyExpiresAfter);
        }

        /** {@link Duration#ZERO} means "never", as in OpenPGP's key expiration time subpacket. */
        public Options withSubkeyExpiresAfter(Duration lifetime) {
            return new Options(subkeyBits, primaryCreated, subkeyCreated, lifetime);
        }
    }

    /** How to make a document signature; {@code created == null} means "at the moment of signing". */
    public record SignatureOptions(int hashAlgorithm, int signatureType, Instant created, boolean armored) {

        /** What Flatcar publishes: binary, SHA-512, made now, raw packets. */
        public static SignatureOptions defaults() {
            return new SignatureOptions(HashAlgorithmTags.SHA512, PGPSignature.BINARY_DOCUMENT, null, false);
        }

        /** One of {@link HashAlgorithmTags}, e.g. SHA1 or MD5 to test that weak hashes are refused. */
        public SignatureOptions withHashAlgorithm(int algorithm) {
            return new SignatureOptions(algorithm, signatureType, created, armored);
        }

        /** {@link PGPSignature#BINARY_DOCUMENT} or {@link PGPSignature#CANONICAL_TEXT_DOCUMENT}. */
        public SignatureOptions withSignatureType(int type) {
            return new SignatureOptions(hashAlgorithm, type, created, armored);
        }

        public SignatureOptions withCreated(Instant time) {
            return new SignatureOptions(hashAlgorithm, signatureType, time, armored);
        }

        public SignatureOptions withArmored(boolean ascii) {
            return new SignatureOptions(hashAlgorithm, signatureType, created, ascii);
        }
    }

    public static TestSigningKey generate() {
        return generate(Options.defaults());
    }

    public static TestSigningKey generate(Options options) {
        try {
            PGPKeyPair primary = rsaKeyPair(PRIMARY_BITS, options.primaryCreated());
            PGPPublicKey certifiedPrimary = certifyUserId(primary, options.primaryCreated());
            PGPKeyPair subkey = rsaSubkeyPair(options.subkeyBits(), options.subkeyCreated());
            PGPPublicKey boundSubkey = bindSubkey(primary, subkey, options.subkeyCreated(), options.subkeyExpiresAfter());
            return new TestSigningKey(primary, certifiedPrimary, List.of(boundSubkey), subkey);
        } catch (PGPException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not generate test signing key", e);
        }
    }

    /**
     * Models Flatcar's periodic subkey rotation: same primary, old subkeys kept in the certificate,
     * a new signing subkey created now (always strictly after the current one) used from here on.
     */
    public TestSigningKey rotateSigningSubkey() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant previous = signer.getPublicKey().getCreationTime().toInstant();
        Instant created = now.isAfter(previous) ? now : previous.plusSeconds(1);
        return rotateSigningSubkey(Options.defaults().withSubkeyCreated(created));
    }

    /** As {@link #rotateSigningSubkey()}, with the new subkey shaped by the subkey fields of {@code options}. */
    public TestSigningKey rotateSigningSubkey(Options options) {
        try {
            PGPKeyPair subkey = rsaSubkeyPair(options.subkeyBits(), options.subkeyCreated());
            List<PGPPublicKey> all = new ArrayList<>(subkeys);
            all.add(bindSubkey(primary, subkey, options.subkeyCreated(), options.subkeyExpiresAfter()));
            return new TestSigningKey(primary, certifiedPrimary, all, subkey);
        } catch (PGPException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not rotate test signing subkey", e);
        }
    }

    /**
     * The same key whose certificate revokes the current signing subkey. It still signs with that
     * subkey, which is how Flatcar's signatures by its two compromised subkeys look to a verifier.
     *
     * @param reason one of {@link org.bouncycastle.bcpg.sig.RevocationReasonTags}
     */
    public TestSigningKey withRevokedSigningSubkey(int reason, Date at) {
        try {
            PGPSignatureGenerator generator = generator(primary.getPublicKey(), HashAlgorithmTags.SHA512);
            generator.init(PGPSignature.SUBKEY_REVOCATION, primary.getPrivateKey());
            PGPSignatureSubpacketGenerator hashed = hashedBasics(primary.getPublicKey(), at);
            hashed.setRevocationReason(false, (byte) reason, "");
            generator.setHashedSubpackets(hashed.generate());
            generator.setUnhashedSubpackets(unhashedIssuer(primary.getPublicKey()).generate());
            PGPSignature revocation = generator.generateCertification(primary.getPublicKey(), signer.getPublicKey());

            List<PGPPublicKey> all = new ArrayList<>(subkeys);
            int index = indexOf(signer.getPublicKey());
            all.set(index, PGPPublicKey.addCertification(all.get(index), revocation));
            return new TestSigningKey(primary, certifiedPrimary, all, signer);
        } catch (PGPException e) {
            throw new IllegalStateException("could not revoke test signing subkey", e);
        }
    }

    /** The armored public certificate in which the current signing subkey is revoked. */
    public String revokeSigningSubkey(int reason, Date at) {
        return withRevokedSigningSubkey(reason, at).publicKeyArmored();
    }

    public PGPPublicKeyRing publicKeyRing() {
        List<PGPPublicKey> keys = new ArrayList<>();
        keys.add(certifiedPrimary);
        keys.addAll(subkeys);
        return new PGPPublicKeyRing(keys);
    }

    public String publicKeyArmored() {
        try {
            byte[] packets = publicKeyRing().getEncoded(PacketFormat.LEGACY);
            return armor(out -> out.write(packets));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String primaryFingerprint() {
        return fingerprint(primary.getPublicKey());
    }

    public String signingSubkeyFingerprint() {
        return fingerprint(signer.getPublicKey());
    }

    /** All subkeys in the certificate, oldest first. */
    public List<String> subkeyFingerprints() {
        return subkeys.stream().map(TestSigningKey::fingerprint).toList();
    }

    /** A binary detached signature as Flatcar publishes it in {@code X.sig}. */
    public byte[] sign(byte[] data) {
        return sign(data, SignatureOptions.defaults());
    }

    public byte[] sign(byte[] data, SignatureOptions options) {
        return sign(signer, data, options);
    }

    /**
     * A signature by the certify-only primary key, which Flatcar never makes: a verifier must refuse
     * it even though the cryptography checks out, because the key is not allowed to sign data.
     */
    public byte[] signWithPrimaryKey(byte[] data) {
        return sign(primary, data, SignatureOptions.defaults());
    }

    private static byte[] sign(PGPKeyPair key, byte[] data, SignatureOptions options) {
        Date created = Date.from(options.created() == null ? Instant.now() : options.created());
        try {
            PGPSignatureGenerator generator = generator(key.getPublicKey(), options.hashAlgorithm());
            generator.init(options.signatureType(), key.getPrivateKey());
            generator.setHashedSubpackets(hashedBasics(key.getPublicKey(), created).generate());
            generator.setUnhashedSubpackets(unhashedIssuer(key.getPublicKey()).generate());
            // For text signatures the generator itself canonicalises line endings while hashing.
            generator.update(data);
            byte[] packet = legacyPacket(generator.generate());
            return options.armored() ? armor(out -> out.write(packet)).getBytes(StandardCharsets.US_ASCII) : packet;
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("could not sign", e);
        }
    }

    private static PGPKeyPair rsaKeyPair(int bits, Instant created) throws GeneralSecurityException, PGPException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), RANDOM);
        // RSA_GENERAL (1) rather than RSA_SIGN: that is what GnuPG and Flatcar's key use.
        return new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                generator.generateKeyPair(), Date.from(created));
    }

    /** Key pairs are born as primary keys in Bouncy Castle; a subkey needs a subkey packet (tag 14). */
    private static PGPKeyPair rsaSubkeyPair(int bits, Instant created) throws GeneralSecurityException, PGPException {
        return rsaKeyPair(bits, created).asSubkey(new JcaKeyFingerprintCalculator());
    }

    private static PGPPublicKey certifyUserId(PGPKeyPair primary, Instant created) throws PGPException {
        PGPSignatureGenerator generator = generator(primary.getPublicKey(), HashAlgorithmTags.SHA512);
        generator.init(PGPSignature.POSITIVE_CERTIFICATION, primary.getPrivateKey());
        PGPSignatureSubpacketGenerator hashed = hashedBasics(primary.getPublicKey(), Date.from(created));
        // Certify only, no SIGN_DATA: a document signature by the primary must therefore be rejected.
        hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER);
        hashed.setPreferredHashAlgorithms(false, new int[] {
                HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
        hashed.setPreferredSymmetricAlgorithms(false, new int[] {
                SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
        hashed.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        generator.setHashedSubpackets(hashed.generate());
        generator.setUnhashedSubpackets(unhashedIssuer(primary.getPublicKey()).generate());
        PGPSignature certification = generator.generateCertification(USER_ID, primary.getPublicKey());
        return PGPPublicKey.addCertification(primary.getPublicKey(), USER_ID, certification);
    }

    private static PGPPublicKey bindSubkey(PGPKeyPair primary, PGPKeyPair subkey, Instant created, Duration lifetime)
            throws PGPException, IOException {
        Date at = Date.from(created);

        // The back-signature (0x19) is the subkey consenting to the binding; without it anyone could
        // attach somebody else's signing subkey to their primary and claim its signatures.
        PGPSignatureGenerator back = generator(subkey.getPublicKey(), HashAlgorithmTags.SHA512);
        back.init(PGPSignature.PRIMARYKEY_BINDING, subkey.getPrivateKey());
        back.setHashedSubpackets(hashedBasics(subkey.getPublicKey(), at).generate());
        back.setUnhashedSubpackets(unhashedIssuer(subkey.getPublicKey()).generate());
        PGPSignature backSignature = back.generateCertification(primary.getPublicKey(), subkey.getPublicKey());

        PGPSignatureGenerator binding = generator(primary.getPublicKey(), HashAlgorithmTags.SHA512);
        binding.init(PGPSignature.SUBKEY_BINDING, primary.getPrivateKey());
        PGPSignatureSubpacketGenerator hashed = hashedBasics(primary.getPublicKey(), at);
        hashed.setKeyFlags(false, KeyFlags.SIGN_DATA);
        if (!lifetime.isZero()) {
            hashed.setKeyExpirationTime(false, lifetime.getSeconds());
        }
        binding.setHashedSubpackets(hashed.generate());
        PGPSignatureSubpacketGenerator unhashed = unhashedIssuer(primary.getPublicKey());
        // Unhashed, exactly where GnuPG put it in Flatcar's real key (it is self-authenticating).
        unhashed.addEmbeddedSignature(false, backSignature);
        binding.setUnhashedSubpackets(unhashed.generate());
        PGPSignature bindingSignature = binding.generateCertification(primary.getPublicKey(), subkey.getPublicKey());
        return PGPPublicKey.addCertification(subkey.getPublicKey(), bindingSignature);
    }

    private static PGPSignatureGenerator generator(PGPPublicKey signingKey, int hashAlgorithm) {
        return new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(signingKey.getAlgorithm(), hashAlgorithm), signingKey);
    }

    /** Creation time and issuer fingerprint hashed, as GnuPG does, so neither can be swapped afterwards. */
    private static PGPSignatureSubpacketGenerator hashedBasics(PGPPublicKey issuer, Date created) {
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, created);
        hashed.setIssuerFingerprint(false, issuer);
        return hashed;
    }

    /** The legacy 8-byte issuer key id, unhashed, for older verifiers that do not read fingerprints. */
    private static PGPSignatureSubpacketGenerator unhashedIssuer(PGPPublicKey issuer) {
        PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
        unhashed.setIssuerKeyID(false, issuer.getKeyID());
        return unhashed;
    }

    private int indexOf(PGPPublicKey key) {
        for (int i = 0; i < subkeys.size(); i++) {
            if (subkeys.get(i).getKeyID() == key.getKeyID()) {
                return i;
            }
        }
        throw new IllegalStateException("signing subkey missing from certificate");
    }

    private static String fingerprint(PGPPublicKey key) {
        return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    /** Old-format packet headers (ctb 0x89), byte for byte how GnuPG wrote Flatcar's {@code .sig} files. */
    private static byte[] legacyPacket(PGPSignature signature) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BCPGOutputStream packets = new BCPGOutputStream(bytes, PacketFormat.LEGACY)) {
            signature.encode(packets);
        }
        return bytes.toByteArray();
    }

    private interface PacketWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static String armor(PacketWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            writer.writeTo(armored);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
