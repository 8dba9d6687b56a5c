package dev.flatcarmirror.verify;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;

/** RSA and DSA keys below 2048 bits can be forged with affordable effort; curves are fine. */
final class KeyStrength {

    private static final int MIN_FACTORING_BITS = 2048;

    private KeyStrength() {
    }

    static boolean isAcceptable(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, 3 /* RSA sign-only, deprecated in RFC 9580 */, PublicKeyAlgorithmTags.DSA ->
                    key.getBitStrength() >= MIN_FACTORING_BITS;
            default -> true;
        };
    }

    static String describe(PGPPublicKey key) {
        return key.getBitStrength() + "-bit (algorithm " + key.getAlgorithm() + "), at least " + MIN_FACTORING_BITS + " bits are required";
    }
}
