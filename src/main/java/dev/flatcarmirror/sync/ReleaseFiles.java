package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.VerifiedArtifact;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.upstream.DigestsFile;
import dev.flatcarmirror.upstream.SmallFile;
import dev.flatcarmirror.upstream.UpstreamClient;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.upstream.Validators;
import dev.flatcarmirror.verify.SignatureCheck;
import dev.flatcarmirror.verify.SignatureRejectedException;
import dev.flatcarmirror.verify.SignatureVerifier;
import dev.flatcarmirror.verify.SigningProperties;
import dev.flatcarmirror.verify.Verification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches one file of a release with its detached signature and stores it only if the signature
 * holds and its signed {@code .DIGESTS} (when published) agrees. The {@code .sig} comes first and decides
 * what it can before a byte of the file is read: it parses, names trusted keys, holds at most four
 * signatures, and was made within {@code mirror.signing.release-window} of the release's version.txt.
 * The file then streams once through the verifier, both digests and a staging file ({@link VerifiedTransfer});
 * only then is it moved into the object store, before its {@code .sig}.
 */
@Component
class ReleaseFiles {

    private static final Logger log = LoggerFactory.getLogger(ReleaseFiles.class);

    private final UpstreamClient upstream;
    private final SignatureVerifier verifier;
    private final ObjectStore store;
    private final DownloadSlots slots;
    private final VerifiedTransfer transfer;
    private final ReleaseWindow window;

    ReleaseFiles(UpstreamClient upstream, SignatureVerifier verifier, ObjectStore store, DownloadSlots slots,
                 VerifiedTransfer transfer, SigningProperties signing) {
        this.upstream = upstream;
        this.verifier = verifier;
        this.store = store;
        this.slots = slots;
        this.transfer = transfer;
        this.window = new ReleaseWindow(signing.releaseWindow());
    }

    /** A small file (version.txt) with its signature, both required, checked in memory. */
    VerifiedSmallFile fetchSmallVerified(URI file, String name) throws SyncFailure {
        return verifySmall(file, name, requireSmall(file, name));
    }

    /** Checks content already fetched from {@code file} against {@code file.sig}, which must exist. */
    VerifiedSmallFile verifySmall(URI file, String name, byte[] content) throws SyncFailure {
        return verifySmall(name, content, requireSignature(file, name));
    }

    private VerifiedSmallFile verifySmall(String name, byte[] content, byte[] signature) throws SyncFailure {
        SignatureCheck check = begin(signature, name);
        check.update(content, 0, content.length);
        return new VerifiedSmallFile(name, content, signature, finish(check, name));
    }

    VerifiedArtifact store(ObjectKey key, VerifiedSmallFile file) throws SyncFailure {
        try {
            Path staged = store.newStagingFile();
            Files.write(staged, file.content());
            return commit(new Staged(key, file.name(), staged, file.signature(), file.verification(), Digests.of(file.content())));
        } catch (IOException e) {
            throw new SyncFailure(SyncReason.STORAGE_ERROR, file.name(), "cannot store " + file.name() + ": " + e.getMessage());
        }
    }

    record VerifiedSmallFile(String name, byte[] content, byte[] signature, Verification verification) {

        String sha256() {
            return Digests.of(content).sha256();
        }

        String sha512() {
            return Digests.of(content).sha512();
        }

        String signatureSha256() {
            return Digests.of(signature).sha256();
        }
    }

    /** A downloaded and verified file in the staging area, not yet visible: {@link #commit} or {@link #discard} it. */
    record Staged(ObjectKey key, String name, Path file, byte[] signature, Verification verification, Digests digests) {

        String sha256() {
            return digests.sha256();
        }

        String sha512() {
            return digests.sha512();
        }

        String signatureSha256() {
            return Digests.of(signature).sha256();
        }
    }

    /**
     * Mirrors one artifact of a release whose version.txt was signed at {@code releaseSignedAt}.
     *
     * @return empty when upstream has neither the file nor its signature
     */
    Optional<VerifiedArtifact> mirror(String channel, ObjectKey key, String name, URI file, Instant releaseSignedAt)
            throws SyncFailure, InterruptedException {
        Optional<Staged> staged = fetch(channel, key, name, file, releaseSignedAt);
        return staged.isPresent() ? Optional.of(commit(staged.get())) : Optional.empty();
    }

    /**
     * Downloads and verifies one artifact into the staging area.
     *
     * @param releaseSignedAt when the release's version.txt was signed, or null not to bind the file to a release
     * @return empty when upstream has neither the file nor its signature
     */
    Optional<Staged> fetch(String channel, ObjectKey key, String name, URI file, Instant releaseSignedAt)
            throws SyncFailure, InterruptedException {
        SmallFile signatureAnswer = small(URI.create(file + ".sig"), name + ".sig");
        if (signatureAnswer instanceof SmallFile.NotFound) {
            if (exists(file, name)) {
                throw SyncFailure.missingSignature(name, name + " exists upstream but " + name + ".sig does not");
            }
            return Optional.empty();
        }
        byte[] signature = ((SmallFile.Found) signatureAnswer).body();
        SignatureCheck check = begin(signature, name);
        if (releaseSignedAt != null) {
            for (Instant signedAt : check.signedAt()) {
                Optional<String> violation = window.violation(name, signedAt, releaseSignedAt);
                if (violation.isPresent()) {
                    throw new SyncFailure(SyncReason.RELEASE_MISMATCH, name, violation.get());
                }
            }
        }
        Optional<String> publishedSha512 = publishedSha512(file, name);
        DownloadSlots.Slot slot = slots.acquire(channel);
        try {
            return Optional.of(download(key, name, file, signature, check, publishedSha512));
        } finally {
            slot.close();
        }
    }

    /**
     * The SHA-512 that upstream's {@code X.DIGESTS} lists for the file, trusted only through a valid
     * {@code X.DIGESTS.sig}. Absent when upstream publishes no DIGESTS, or one without a signature.
     */
    private Optional<String> publishedSha512(URI file, String name) throws SyncFailure {
        String digestsName = name + ".DIGESTS";
        URI digestsUri = URI.create(file + ".DIGESTS");
        if (!(small(digestsUri, digestsName) instanceof SmallFile.Found digests)) {
            return Optional.empty();
        }
        // Fetched once: the signature that says the DIGESTS may be trusted is the one checked.
        if (!(small(URI.create(digestsUri + ".sig"), digestsName + ".sig") instanceof SmallFile.Found signature)) {
            log.warn("Ignoring {}: upstream publishes no {}.sig to trust it by", digestsUri, digestsName);
            return Optional.empty();
        }
        verifySmall(digestsName, digests.body(), signature.body());
        return DigestsFile.sha512(digests.body(), name);
    }

    /** Downloads through the verifier into the staging area and checks the digest, or leaves nothing behind. */
    private Staged download(ObjectKey key, String name, URI file, byte[] signature, SignatureCheck check,
                            Optional<String> publishedSha512) throws SyncFailure, InterruptedException {
        Path staged = null;
        try {
            staged = store.newStagingFile();
            VerifiedTransfer.Result received = transfer.receive(key, name, file, signature, check, staged);
            String sha512 = received.digests().sha512();
            if (publishedSha512.isPresent() && !publishedSha512.get().equals(sha512)) {
                throw new SyncFailure(SyncReason.DIGEST_MISMATCH, name, name + " has SHA-512 " + sha512 + " but its signed "
                        + name + ".DIGESTS lists " + publishedSha512.get());
            }
            Staged result = new Staged(key, name, staged, signature, received.verification(), received.digests());
            staged = null;
            return result;
        } catch (IOException e) {
            throw new SyncFailure(SyncReason.STORAGE_ERROR, name, "cannot stage " + name + ": " + e.getMessage());
        } finally {
            deleteQuietly(staged);
        }
    }

    /**
     * Makes a staged file visible: the file first, then its {@code .sig}. A crash in between leaves a file without
     * a signature, which no client takes for a release, rather than a signature without its file.
     */
    VerifiedArtifact commit(Staged staged) throws SyncFailure {
        Path stagedSignature = null;
        try {
            long size = Files.size(staged.file());
            stagedSignature = store.newStagingFile();
            Files.write(stagedSignature, staged.signature());
            store.put(staged.key(), staged.file());
            store.put(staged.key().withSuffix(".sig"), stagedSignature);
            stagedSignature = null;
            Verification verification = staged.verification();
            return new VerifiedArtifact(staged.name(), size, staged.sha256(), staged.sha512(), verification.signingKeyFingerprint(),
                    verification.signatureCreatedAt(), staged.key().value(), staged.signature().length,
                    HexFormat.of().formatHex(Digests.of(staged.signature()).sha256Bytes()));
        } catch (IOException e) {
            throw new SyncFailure(SyncReason.STORAGE_ERROR, staged.name(), "cannot store " + staged.name() + ": " + e.getMessage());
        } finally {
            deleteQuietly(stagedSignature);
            deleteQuietly(staged.file());
        }
    }

    /** Throws a staged file away; nothing of it was ever visible. */
    void discard(Staged staged) {
        deleteQuietly(staged.file());
    }

    private byte[] requireSmall(URI file, String name) throws SyncFailure {
        if (small(file, name) instanceof SmallFile.Found found) {
            return found.body();
        }
        throw new SyncFailure(SyncReason.MISSING_FILE, name, file + " is not found upstream");
    }

    private byte[] requireSignature(URI file, String name) throws SyncFailure {
        if (small(URI.create(file + ".sig"), name + ".sig") instanceof SmallFile.Found found) {
            return found.body();
        }
        throw SyncFailure.missingSignature(name, name + " has no " + name + ".sig upstream");
    }

    private SmallFile small(URI uri, String name) throws SyncFailure {
        try {
            return upstream.getSmall(uri, Validators.NONE);
        } catch (UpstreamException e) {
            throw SyncFailure.of(name, e);
        }
    }

    private boolean exists(URI uri, String name) throws SyncFailure {
        try {
            return upstream.exists(uri);
        } catch (UpstreamException e) {
            throw SyncFailure.of(name, e);
        }
    }

    SignatureCheck begin(byte[] signature, String name) throws SyncFailure {
        try {
            return verifier.begin(signature);
        } catch (SignatureRejectedException e) {
            throw SyncFailure.of(name, e);
        }
    }

    static Verification finish(SignatureCheck check, String name) throws SyncFailure {
        try {
            return check.finish();
        } catch (SignatureRejectedException e) {
            throw SyncFailure.of(name, e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover staging file is removed at the next start.
            }
        }
    }
}
