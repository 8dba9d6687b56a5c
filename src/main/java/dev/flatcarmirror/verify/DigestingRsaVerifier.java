package dev.flatcarmirror.verify;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;

/**
 * An RSA signature check whose hash is a plain JDK {@link MessageDigest} that we can look into: the digest of
 * the document alone, taken before the signature's trailer goes in, is exactly the file's SHA-256 or SHA-512, so
 * the download does not hash the same bytes a second time for its own digests. The RSA step is the standard one:
 * PKCS #1 v1.5 over the DER {@code DigestInfo} of the final hash ({@code NONEwithRSA}), as {@code SHA512withRSA}
 * would do after hashing.
 */
final class DigestingRsaVerifier implements PGPContentVerifier {

    /** DER DigestInfo headers of RFC 8017, section 9.2, note 1: what precedes the hash inside the signature. */
    private static final Map<Integer, byte[]> DIGEST_INFO = Map.of(
            HashAlgorithmTags.SHA256, HexFormat.of().parseHex("3031300d060960864801650304020105000420"),
            HashAlgorithmTags.SHA512, HexFormat.of().parseHex("3051300d060960864801650304020305000440"));
    private static final Map<Integer, String> DIGEST_NAME = Map.of(
            HashAlgorithmTags.SHA256, "SHA-256", HashAlgorithmTags.SHA512, "SHA-512");

    private final int hashAlgorithm;
    private final int keyAlgorithm;
    private final long keyId;
    private final RSAPublicKey key;
    private final MessageDigest digest;
    private final OutputStream stream = new OutputStream() {
        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            digest.update(buffer, offset, length);
        }
    };

    private DigestingRsaVerifier(int hashAlgorithm, PGPPublicKey pgpKey, RSAPublicKey key) throws NoSuchAlgorithmException {
        this.hashAlgorithm = hashAlgorithm;
        this.keyAlgorithm = pgpKey.getAlgorithm();
        this.keyId = pgpKey.getKeyID();
        this.key = key;
        this.digest = MessageDigest.getInstance(DIGEST_NAME.get(hashAlgorithm));
    }

    /** Whether signatures of this kind are checked here; others go to Bouncy Castle's JCA verifier. */
    static boolean handles(int keyAlgorithm, int hashAlgorithm) {
        return (keyAlgorithm == 1 /* RSA */ || keyAlgorithm == 3 /* RSA sign-only */) && DIGEST_INFO.containsKey(hashAlgorithm);
    }

    static DigestingRsaVerifier of(int hashAlgorithm, PGPPublicKey pgpKey) throws PGPException {
        try {
            PublicKey key = new JcaPGPKeyConverter().getPublicKey(pgpKey);
            return new DigestingRsaVerifier(hashAlgorithm, pgpKey, (RSAPublicKey) key);
        } catch (NoSuchAlgorithmException | ClassCastException e) {
            throw new PGPException("cannot check an RSA signature: " + e.getMessage(), e);
        }
    }

    /** The JDK's name of the hash, such as {@code SHA-512}. */
    String digestName() {
        return DIGEST_NAME.get(hashAlgorithm);
    }

    /** The digest of what was fed so far, without disturbing the running hash: call it before the trailer goes in. */
    byte[] documentDigest() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + digest.getAlgorithm() + " can always be cloned", e);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public int getHashAlgorithm() {
        return hashAlgorithm;
    }

    @Override
    public int getKeyAlgorithm() {
        return keyAlgorithm;
    }

    @Override
    public long getKeyID() {
        return keyId;
    }

    @Override
    public boolean verify(byte[] expected) {
        byte[] hash = digest.digest();
        try {
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initVerify(key);
            rsa.update(DIGEST_INFO.get(hashAlgorithm));
            rsa.update(hash);
            // OpenPGP stores the value without leading zero bytes; the JDK's RSA verification accepts it so.
            return rsa.verify(expected);
        } catch (GeneralSecurityException e) {
            // A signature value the key cannot even decode (too long, out of range) is simply not a match.
            return false;
        }
    }
}
