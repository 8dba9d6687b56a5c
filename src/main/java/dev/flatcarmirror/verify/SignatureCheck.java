package dev.flatcarmirror.verify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;

/**
 * One document being verified: feed it with {@link #update}, then {@link #finish}.
 * Not thread-safe; one check belongs to one download (fed by one thread at a time, finished after the last update).
 * Where the first signature hashes with SHA-256 or SHA-512 ({@link #documentDigestAlgorithm}), the check hands out
 * that digest of the document after {@link #finish}, so that a download need not hash the same bytes again.
 */
public final class SignatureCheck {

    /** @param digesting the content verifier whose document digest can be read, or null */
    record Candidate(PGPSignature signature, OpenPGPComponentKey key, DigestingRsaVerifier digesting) {
    }

    private final List<Candidate> candidates;
    private final Clock clock;
    private byte[] documentDigest;

    SignatureCheck(List<Candidate> candidates, Clock clock) {
        this.candidates = List.copyOf(candidates);
        this.clock = clock;
    }

    public void update(byte[] buffer, int offset, int length) {
        for (Candidate candidate : candidates) {
            candidate.signature().update(buffer, offset, length);
        }
    }

    /** The JDK name of the hash ({@code SHA-256}, {@code SHA-512}) whose digest of the document {@link #documentDigest} gives. */
    public Optional<String> documentDigestAlgorithm() {
        DigestingRsaVerifier digesting = candidates.get(0).digesting();
        return digesting == null ? Optional.empty() : Optional.of(digesting.digestName());
    }

    /** The document's digest in {@link #documentDigestAlgorithm}, known once {@link #finish} accepted it. */
    public byte[] documentDigest() {
        if (documentDigest == null) {
            throw new IllegalStateException("the document's digest is known only after a successful finish()");
        }
        return documentDigest.clone();
    }

    /** When each signature in the file says it was made, known before a byte of the document is read. */
    public List<Instant> signedAt() {
        return candidates.stream().map(candidate -> candidate.signature().getCreationTime().toInstant()).toList();
    }

    /**
     * Accepts the document only if every signature in the file is correct and was made by a key valid at that
     * time: {@code gpg --verify}, which clients run on the same bytes, fails a file in which any signature is bad.
     *
     * @return the first signature's signer and time
     */
    public Verification finish() throws SignatureRejectedException {
        DigestingRsaVerifier digesting = candidates.get(0).digesting();
        // Taken before the signature's own trailer is hashed in: from then on the hash is no longer the document's.
        byte[] digest = digesting == null ? null : digesting.documentDigest();
        Verification first = null;
        for (Candidate candidate : candidates) {
            Verification verified = finish(candidate);
            first = first == null ? verified : first;
        }
        documentDigest = digest;
        return first;
    }

    private Verification finish(Candidate candidate) throws SignatureRejectedException {
        OpenPGPComponentKey key = candidate.key();
        OpenPGPDocumentSignature document = new OpenPGPDocumentSignature(candidate.signature(), key);
        try {
            // The document's own signature object, outside the certificate's lock: this is where the hashing ends.
            if (!document.verify()) {
                throw new SignatureRejectedException(RejectionReason.BAD_SIGNATURE,
                        "signature by " + Certificates.fingerprint(key) + " does not match the file's content");
            }
        } catch (PGPException e) {
            throw new SignatureRejectedException(RejectionReason.BAD_SIGNATURE, "cannot verify: " + e.getMessage());
        }
        // Validity at the signature's creation time: old releases signed by since-expired subkeys stay valid.
        Certificates.requireValidWhenSigned(document, key, candidate.signature().getCreationTime(), clock.instant());
        return new Verification(Certificates.fingerprint(key), Certificates.fingerprint(key.getCertificate()),
                candidate.signature().getCreationTime().toInstant());
    }
}
