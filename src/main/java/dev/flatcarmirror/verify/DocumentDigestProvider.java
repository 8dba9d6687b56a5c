package dev.flatcarmirror.verify;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Builds the content verifier of one signature: a {@link DigestingRsaVerifier} where it can (RSA with SHA-256 or
 * SHA-512, what Flatcar signs with), which it remembers so that the check can hand out the document's digest;
 * Bouncy Castle's JCA verifier otherwise. One instance per signature.
 */
final class DocumentDigestProvider implements PGPContentVerifierBuilderProvider {

    // The JDK's own digests are markedly faster than Bouncy Castle's pure-Java ones.
    private static final JcaPGPContentVerifierBuilderProvider JCA = new JcaPGPContentVerifierBuilderProvider();

    private DigestingRsaVerifier built;

    @Override
    public PGPContentVerifierBuilder get(int keyAlgorithm, int hashAlgorithm) throws PGPException {
        if (!DigestingRsaVerifier.handles(keyAlgorithm, hashAlgorithm)) {
            return JCA.get(keyAlgorithm, hashAlgorithm);
        }
        return key -> {
            built = DigestingRsaVerifier.of(hashAlgorithm, key);
            return built;
        };
    }

    /** The verifier built for the signature, when it is one whose document digest can be read; else null. */
    DigestingRsaVerifier built() {
        return built;
    }
}
