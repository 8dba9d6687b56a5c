package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.VerifiedArtifact;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.upstream.Download;
import dev.flatcarmirror.upstream.DownloadProperties;
import dev.flatcarmirror.upstream.SmallFile;
import dev.flatcarmirror.upstream.UpstreamClient;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.upstream.Validators;
import dev.flatcarmirror.verify.SignatureCheck;
import dev.flatcarmirror.verify.SignatureRejectedException;
import dev.flatcarmirror.verify.SignatureVerifier;
import dev.flatcarmirror.verify.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Fetches one file of a release with its detached signature and stores it only if the
 * signature holds. The file streams once through the verifier, both digests and a staging
 * file, in constant memory; only then is it moved into the object store.
 */
@Component
class ReleaseFiles {

    private static final int BUFFER = 256 * 1024;

    private final UpstreamClient upstream;
    private final SignatureVerifier verifier;
    private final ObjectStore store;
    private final Semaphore downloadSlots;
    private final DownloadProgress progress;

    ReleaseFiles(UpstreamClient upstream, SignatureVerifier verifier, ObjectStore store, DownloadProperties download,
                 DownloadProgress progress) {
        this.upstream = upstream;
        this.verifier = verifier;
        this.store = store;
        this.progress = progress;
        this.downloadSlots = new Semaphore(download.concurrency(), true);
    }

    /** A small file (version.txt) with its signature, both required, checked in memory. */
    VerifiedSmallFile fetchSmallVerified(URI file, String name) throws SyncFailure {
        return verifySmall(file, name, requireSmall(file, name));
    }

    /** Checks content already fetched from {@code file} against {@code file.sig}, which must exist. */
    VerifiedSmallFile verifySmall(URI file, String name, byte[] content) throws SyncFailure {
        byte[] signature = requireSignature(file, name);
        SignatureCheck check = begin(signature, name);
        check.update(content, 0, content.length);
        return new VerifiedSmallFile(name, content, signature, finish(check, name));
    }

    VerifiedArtifact store(ObjectKey key, VerifiedSmallFile file) throws SyncFailure {
        try {
            Path staged = store.newStagingFile();
            Files.write(staged, file.content());
            return commit(key, file.name(), staged, file.signature(), file.verification(), Digests.of(file.content()));
        } catch (IOException e) {
            throw new SyncFailure("storage_error", file.name(), "cannot store " + file.name() + ": " + e.getMessage());
        }
    }

    record VerifiedSmallFile(String name, byte[] content, byte[] signature, Verification verification) {
    }

    /**
     * Mirrors one artifact.
     *
     * @return empty when upstream has neither the file nor its signature
     */
    Optional<VerifiedArtifact> mirror(ObjectKey key, String name, URI file) throws SyncFailure, InterruptedException {
        SmallFile signatureAnswer = small(URI.create(file + ".sig"), name + ".sig");
        if (signatureAnswer instanceof SmallFile.NotFound) {
            if (exists(file, name)) {
                throw new SyncFailure("missing_signature", name, name + " exists upstream but " + name + ".sig does not");
            }
            return Optional.empty();
        }
        byte[] signature = ((SmallFile.Found) signatureAnswer).body();
        SignatureCheck check = begin(signature, name);
        downloadSlots.acquire();
        try {
            return Optional.of(download(key, name, file, signature, check));
        } finally {
            downloadSlots.release();
        }
    }

    private VerifiedArtifact download(ObjectKey key, String name, URI file, byte[] signature, SignatureCheck check)
            throws SyncFailure {
        Path staged = null;
        try {
            staged = store.newStagingFile();
            Digests digests = new Digests();
            try (Download download = upstream.download(file).orElseThrow(() ->
                    new SyncFailure("missing_file", name, name + ".sig exists upstream but " + name + " does not"));
                 InputStream in = download.body();
                 OutputStream out = Files.newOutputStream(staged);
                 DownloadProgress.Tracker tracker = progress.start(key.value(), name, download.contentLength())) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    check.update(buffer, 0, n);
                    digests.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    tracker.add(n);
                }
            } catch (IOException e) {
                throw SyncFailure.of(name, UpstreamClient.describe(file, e));
            } catch (UpstreamException e) {
                throw SyncFailure.of(name, e);
            }
            Verification verification = finish(check, name);
            VerifiedArtifact artifact = commit(key, name, staged, signature, verification, digests);
            staged = null;
            return artifact;
        } catch (IOException e) {
            throw new SyncFailure("storage_error", name, "cannot stage " + name + ": " + e.getMessage());
        } finally {
            deleteQuietly(staged);
        }
    }

    private VerifiedArtifact commit(ObjectKey key, String name, Path staged, byte[] signature,
                                    Verification verification, Digests digests) throws IOException {
        long size = Files.size(staged);
        Path stagedSignature = store.newStagingFile();
        Files.write(stagedSignature, signature);
        store.put(key.withSuffix(".sig"), stagedSignature);
        store.put(key, staged);
        return new VerifiedArtifact(name, size, digests.sha256(), digests.sha512(), verification.signingKeyFingerprint(),
                verification.signatureCreatedAt(), key.value(), signature.length,
                HexFormat.of().formatHex(Digests.of(signature).sha256Bytes()));
    }

    private byte[] requireSmall(URI file, String name) throws SyncFailure {
        if (small(file, name) instanceof SmallFile.Found found) {
            return found.body();
        }
        throw new SyncFailure("missing_file", name, file + " is not found upstream");
    }

    private byte[] requireSignature(URI file, String name) throws SyncFailure {
        if (small(URI.create(file + ".sig"), name + ".sig") instanceof SmallFile.Found found) {
            return found.body();
        }
        throw new SyncFailure("missing_signature", name, name + " has no " + name + ".sig upstream");
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

    private SignatureCheck begin(byte[] signature, String name) throws SyncFailure {
        try {
            return verifier.begin(signature);
        } catch (SignatureRejectedException e) {
            throw SyncFailure.of(name, e);
        }
    }

    private static Verification finish(SignatureCheck check, String name) throws SyncFailure {
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
