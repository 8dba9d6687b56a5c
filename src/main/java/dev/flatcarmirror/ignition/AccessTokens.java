package dev.flatcarmirror.ignition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens that machines put in a config's URL ({@code ?token=}), since at first boot they cannot send a header.
 * 256 random bits, URL-safe Base64 without padding, so they need no escaping in a URL, a kernel command line
 * or an iPXE script. Compared as SHA-256 digests with {@link MessageDigest#isEqual}: the time taken depends
 * neither on where the two differ nor on the presented token's length.
 */
final class AccessTokens {

    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when there is nothing to compare with, so an unknown name costs the same as a wrong token. */
    private static final String NONE = generate();

    private AccessTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} is {@code expected}; a null {@code expected} (no token required) always allows. */
    static boolean matches(String expected, String presented) {
        boolean equal = MessageDigest.isEqual(digest(expected == null ? NONE : expected), digest(presented == null ? "" : presented));
        return expected == null || equal;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code ?token=abc…} as pages show it. */
    static String redact(String url) {
        return url.replaceAll("([?&]token=)[^&]*", "$1<redacted>");
    }
}
