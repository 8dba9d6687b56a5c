package dev.flatcarmirror.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and SHA-512 of one stream, fed in the same pass as the download. */
final class Digests {

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private byte[] sha256Result;
    private byte[] sha512Result;

    static Digests of(byte[] content) {
        Digests digests = new Digests();
        digests.update(content, 0, content.length);
        return digests;
    }

    void update(byte[] buffer, int offset, int length) {
        sha256.update(buffer, offset, length);
        sha512.update(buffer, offset, length);
    }

    byte[] sha256Bytes() {
        if (sha256Result == null) {
            sha256Result = sha256.digest();
        }
        return sha256Result;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256Bytes());
    }

    String sha512() {
        if (sha512Result == null) {
            sha512Result = sha512.digest();
        }
        return HexFormat.of().formatHex(sha512Result);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }
}
