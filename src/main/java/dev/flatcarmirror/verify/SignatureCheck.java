package dev.flatcarmirror.verify;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentSignature;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;
import org.bouncycastle.util.encoders.Hex;

/**
 * One document being verified: feed it with {@link #update}, then {@link #finish}.
 * Not thread-safe; one check belongs to one download.
 */
public final class SignatureCheck {

    record Candidate(PGPSignature signature, OpenPGPComponentKey key) {
    }

    private final List<Candidate> candidates;
    private final Clock clock;

    SignatureCheck(List<Candidate> candidates, Clock clock) {
        this.candidates = candidates;
        this.clock = clock;
    }

    public void update(byte[] buffer, int offset, int length) {
        for (Candidate candidate : candidates) {
            candidate.signature().update(buffer, offset, length);
        }
    }

    /** Accepts the document if one of its signatures is correct and was made by a key valid at that time. */
    public Verification finish() throws SignatureRejectedException {
        SignatureRejectedException firstRejection = null;
        for (Candidate candidate : candidates) {
            try {
                return finish(candidate);
            } catch (SignatureRejectedException e) {
                firstRejection = firstRejection == null ? e : firstRejection;
            }
        }
        throw firstRejection;
    }

    private Verification finish(Candidate candidate) throws SignatureRejectedException {
        OpenPGPComponentKey key = candidate.key();
        OpenPGPDocumentSignature document = new OpenPGPDocumentSignature(candidate.signature(), key);
        try {
            if (!document.verify()) {
                throw new SignatureRejectedException(RejectionReason.BAD_SIGNATURE,
                        "signature by " + fingerprint(key) + " does not match the file's content");
            }
        } catch (PGPException e) {
            throw new SignatureRejectedException(RejectionReason.BAD_SIGNATURE, "cannot verify: " + e.getMessage());
        }
        OpenPGPCertificate certificate = key.getCertificate();
        // Certificates evaluate their self-signatures lazily and without locking of their own.
        synchronized (certificate) {
            boolean valid;
            try {
                // Validity at the signature's creation time: old releases signed by since-expired subkeys stay valid.
                valid = document.isValid(OpenPGPImplementation.getInstance().policy());
            } catch (PGPException e) {
                valid = false;
            }
            if (!valid) {
                throw whyInvalid(key, candidate.signature().getCreationTime());
            }
        }
        return new Verification(fingerprint(key), Hex.toHexString(certificate.getFingerprint()).toUpperCase(java.util.Locale.ROOT),
                candidate.signature().getCreationTime().toInstant());
    }

    private SignatureRejectedException whyInvalid(OpenPGPComponentKey key, Date signedAt) {
        for (OpenPGPComponentKey component : List.of(key, key.getCertificate().getPrimaryKey())) {
            OpenPGPComponentSignature revocation = component.getRevocation(Date.from(clock.instant()));
            if (revocation != null && (revocation.isHardRevocation() || !revocation.getCreationTime().after(signedAt))) {
                return new SignatureRejectedException(RejectionReason.KEY_REVOKED,
                        "key " + fingerprint(component) + " is revoked" + (revocation.isHardRevocation() ? " (compromised)" : ""));
            }
            Date expiry = component.getKeyExpirationDateAt(signedAt);
            if (expiry != null && !expiry.after(signedAt)) {
                return new SignatureRejectedException(RejectionReason.KEY_EXPIRED,
                        "key " + fingerprint(component) + " expired " + expiry.toInstant() + ", before the signature of " + signedAt.toInstant());
            }
        }
        return new SignatureRejectedException(RejectionReason.KEY_NOT_VALID,
                "key " + fingerprint(key) + " was not a valid signing key bound to its primary on " + signedAt.toInstant());
    }

    private static String fingerprint(OpenPGPComponentKey key) {
        return Hex.toHexString(key.getPGPPublicKey().getFingerprint()).toUpperCase(java.util.Locale.ROOT);
    }
}
