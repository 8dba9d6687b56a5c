package dev.flatcarmirror.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.springframework.stereotype.Component;

/**
 * Checks detached OpenPGP signatures more strictly than {@code gpg --verify}: binary-document
 * signatures only, strong hashes, strong keys, a subkey bound to a pinned primary and valid
 * when it signed, at most four signatures in a file and every one of them holding. The document
 * is fed in chunks, so a file of any size is verified while it streams past once.
 */
@Component
public class SignatureVerifier {

    private static final Set<Integer> STRONG_HASHES = Set.of(
            HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA512,
            HashAlgorithmTags.SHA3_256, HashAlgorithmTags.SHA3_512);
    private static final int MAX_SIGNATURE_BYTES = 64 * 1024;
    /** Two cover a subkey rotation signed by both subkeys; Flatcar signs with one. */
    static final int MAX_SIGNATURES = 4;

    private final SigningKeyring keyring;
    private final SigningProperties properties;
    private final Clock clock;

    SignatureVerifier(SigningKeyring keyring, SigningProperties properties, Clock clock) {
        this.keyring = keyring;
        this.properties = properties;
        this.clock = clock;
    }

    /** Prepares to check {@code detachedSignature} (binary or armored) against a document fed later. */
    public SignatureCheck begin(byte[] detachedSignature) throws SignatureRejectedException {
        List<PGPSignature> signatures = parse(detachedSignature);
        List<OpenPGPCertificate> certificates = keyring.certificates();
        if (certificates.isEmpty()) {
            String why = keyring.lastFetchError();
            throw new SignatureRejectedException(RejectionReason.NO_TRUSTED_KEY,
                    "no trusted signing key is loaded" + (why == null ? "" : " (" + why + ")"));
        }
        try {
            return prepare(signatures, certificates);
        } catch (SignatureRejectedException e) {
            if (e.reason() == RejectionReason.UNKNOWN_KEY && keyring.refresh()) {
                return prepare(parse(detachedSignature), keyring.certificates());
            }
            throw e;
        }
    }

    /** Every signature in the file must be one we accept: a single refusal refuses the file, with that signature's reason. */
    private SignatureCheck prepare(List<PGPSignature> signatures, List<OpenPGPCertificate> certificates)
            throws SignatureRejectedException {
        List<SignatureCheck.Candidate> candidates = new ArrayList<>();
        for (PGPSignature signature : signatures) {
            candidates.add(candidate(signature, certificates));
        }
        return new SignatureCheck(candidates, clock);
    }

    private SignatureCheck.Candidate candidate(PGPSignature signature, List<OpenPGPCertificate> certificates)
            throws SignatureRejectedException {
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
            throw new SignatureRejectedException(RejectionReason.SIGNATURE_TYPE,
                    "signature type 0x%02x, only binary-document signatures (0x00) are accepted".formatted(signature.getSignatureType()));
        }
        if (!STRONG_HASHES.contains(signature.getHashAlgorithm())) {
            throw new SignatureRejectedException(RejectionReason.WEAK_HASH,
                    "hash algorithm " + hashName(signature.getHashAlgorithm()) + " is weaker than SHA-256");
        }
        if (signature.getCreationTime().toInstant().isAfter(clock.instant().plus(properties.clockSkew()))) {
            throw new SignatureRejectedException(RejectionReason.FUTURE_SIGNATURE,
                    "signature is dated " + signature.getCreationTime().toInstant() + ", in the future");
        }
        OpenPGPComponentKey key = issuer(signature, certificates);
        if (!KeyStrength.isAcceptable(key.getPGPPublicKey())) {
            throw new SignatureRejectedException(RejectionReason.WEAK_KEY,
                    "signing key " + key.getKeyIdentifier() + " is " + KeyStrength.describe(key.getPGPPublicKey()));
        }
        DocumentDigestProvider contentVerifiers = new DocumentDigestProvider();
        try {
            signature.init(contentVerifiers, key.getPGPPublicKey());
        } catch (PGPException e) {
            throw new SignatureRejectedException(RejectionReason.MALFORMED_SIGNATURE, "cannot initialise verification: " + e.getMessage());
        }
        return new SignatureCheck.Candidate(signature, key, contentVerifiers.built());
    }

    private static OpenPGPComponentKey issuer(PGPSignature signature, List<OpenPGPCertificate> certificates)
            throws SignatureRejectedException {
        for (OpenPGPCertificate certificate : certificates) {
            OpenPGPComponentKey key = Certificates.signingKeyFor(certificate, signature);
            if (key != null) {
                return key;
            }
        }
        throw new SignatureRejectedException(RejectionReason.UNKNOWN_KEY,
                "made by key " + signature.getKeyIdentifiers() + ", which no trusted certificate contains");
    }

    /**
     * A detached signature file must hold signature packets and nothing else, and at most {@value #MAX_SIGNATURES}
     * of them: each one hashes the whole document again, so a file of many junk packets would make a download as slow
     * as the attacker likes. Counted while parsing, so such a file is refused before anything is downloaded.
     */
    private static List<PGPSignature> parse(byte[] detachedSignature) throws SignatureRejectedException {
        if (detachedSignature.length == 0 || detachedSignature.length > MAX_SIGNATURE_BYTES) {
            throw new SignatureRejectedException(RejectionReason.MALFORMED_SIGNATURE,
                    "signature file of " + detachedSignature.length + " bytes");
        }
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(detachedSignature))) {
            JcaPGPObjectFactory objects = new JcaPGPObjectFactory(in);
            Object next;
            while ((next = objects.nextObject()) != null) {
                if (!(next instanceof PGPSignatureList list)) {
                    throw new SignatureRejectedException(RejectionReason.MALFORMED_SIGNATURE,
                            "signature file contains a " + next.getClass().getSimpleName() + ", not only signatures");
                }
                for (PGPSignature signature : list) {
                    if (signatures.size() == MAX_SIGNATURES) {
                        throw new SignatureRejectedException(RejectionReason.MALFORMED_SIGNATURE,
                                "signature file holds more than " + MAX_SIGNATURES + " signatures");
                    }
                    signatures.add(signature);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SignatureRejectedException(RejectionReason.MALFORMED_SIGNATURE, "unreadable signature: " + e.getMessage());
        }
        if (signatures.isEmpty()) {
            throw new SignatureRejectedException(RejectionReason.MALFORMED_SIGNATURE, "no signature packet found");
        }
        return signatures;
    }

    private static String hashName(int algorithm) {
        try {
            return PGPUtil.getDigestName(algorithm);
        } catch (PGPException e) {
            return "#" + algorithm;
        }
    }
}
