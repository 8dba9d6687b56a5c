package dev.flatcarmirror.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and SHA-512 of one file, as the catalog records them. */
final class Digests {

    static final String SHA_256 = "SHA-256";
    static final String SHA_512 = "SHA-512";

    private final byte[] sha256;
    private final byte[] sha512;

    Digests(byte[] sha256, byte[] sha512) {
        this.sha256 = sha256.clone();
        this.sha512 = sha512.clone();
    }

    /** Both digests of content held in memory, in one thread: also the reference the streamed digests must equal. */
    static Digests of(byte[] content) {
        return new Digests(digest(SHA_256).digest(content), digest(SHA_512).digest(content));
    }

    byte[] sha256Bytes() {
        return sha256.clone();
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256);
    }

    String sha512() {
        return HexFormat.of().formatHex(sha512);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }
}
