package dev.flatcarmirror.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentSignature;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;
import org.bouncycastle.util.encoders.Hex;

/**
 * Every evaluation of a Bouncy Castle certificate, in one place and under that certificate's own monitor. Bouncy
 * Castle caches what it evaluates (a signature is marked tested before it is checked) and shares mutable signature
 * objects, without locking; the signature checks, the expiry gauge and health all read the same certificates at any
 * moment. Nothing here does I/O or hashes a document, so the monitor is only ever held for microseconds.
 */
final class Certificates {

    private Certificates() {
    }

    static OpenPGPComponentKey signingKeyFor(OpenPGPCertificate certificate, PGPSignature signature) {
        synchronized (certificate) {
            return certificate.getSigningKeyFor(signature);
        }
    }

    /** Whether the key was a valid signing key bound to its primary when it made this (already verified) signature. */
    static void requireValidWhenSigned(OpenPGPDocumentSignature document, OpenPGPComponentKey key, Date signedAt, Instant now)
            throws SignatureRejectedException {
        OpenPGPCertificate certificate = key.getCertificate();
        synchronized (certificate) {
            boolean valid;
            try {
                valid = document.isValid(OpenPGPImplementation.getInstance().policy());
            } catch (PGPException e) {
                valid = false;
            }
            if (!valid) {
                throw whyInvalid(key, signedAt, now);
            }
        }
    }

    private static SignatureRejectedException whyInvalid(OpenPGPComponentKey key, Date signedAt, Instant now) {
        for (OpenPGPComponentKey component : List.of(key, key.getCertificate().getPrimaryKey())) {
            OpenPGPComponentSignature revocation = component.getRevocation(Date.from(now));
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

    /**
     * The certificate's signing subkey valid now that lives longest, and when it expires; a certificate with none is
     * reported with a null subkey, since it cannot verify any new release.
     */
    static SigningKeyStatus status(String primaryFingerprint, OpenPGPCertificate certificate, Instant now, Duration expiryWarning) {
        Date at = Date.from(now);
        synchronized (certificate) {
            OpenPGPComponentKey best = null;
            Instant bestExpiry = null;
            for (OpenPGPComponentKey key : certificate.getSigningKeys(at)) {
                Date expiry = key.getKeyExpirationDateAt(at);
                Instant expiresAt = expiry == null ? Instant.MAX : expiry.toInstant();
                if (best == null || expiresAt.isAfter(bestExpiry)) {
                    best = key;
                    bestExpiry = expiresAt;
                }
            }
            Instant expiresAt = bestExpiry == null || bestExpiry.equals(Instant.MAX) ? null : bestExpiry;
            boolean soon = best == null || (expiresAt != null && expiresAt.isBefore(now.plus(expiryWarning)));
            return new SigningKeyStatus(primaryFingerprint, best == null ? null : fingerprint(best), expiresAt, soon);
        }
    }

    /** A known certificate with what a fresh copy adds (new subkeys, revocations); the known one if they cannot be merged. */
    static OpenPGPCertificate join(OpenPGPCertificate known, OpenPGPCertificate fresh) throws PGPException {
        synchronized (known) {
            synchronized (fresh) {
                return OpenPGPCertificate.join(known, fresh);
            }
        }
    }

    static String fingerprint(OpenPGPCertificate certificate) {
        return Hex.toHexString(certificate.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    static String fingerprint(OpenPGPComponentKey key) {
        return Hex.toHexString(key.getPGPPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
    }
}
