package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.VerifiedArtifact;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.upstream.DigestsFile;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches one file of a release with its detached signature and stores it only if the
 * signature holds. The file streams once through the verifier, both digests and a staging
 * file, in constant memory; only then is it moved into the object store.
 */
@Component
class ReleaseFiles {

    private static final Logger log = LoggerFactory.getLogger(ReleaseFiles.class);

    private static final int BUFFER = 256 * 1024;

    private final UpstreamClient upstream;
    private final SignatureVerifier verifier;
    private final ObjectStore store;
    private final Semaphore downloadSlots;
    private final DownloadProgress progress;
    private final Backoff backoff;

    ReleaseFiles(UpstreamClient upstream, SignatureVerifier verifier, ObjectStore store, DownloadProperties download,
                 DownloadProgress progress, Backoff backoff) {
        this.upstream = upstream;
        this.verifier = verifier;
        this.store = store;
        this.progress = progress;
        this.backoff = backoff;
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
        Optional<String> publishedSha512 = publishedSha512(file, name);
        SignatureCheck check = begin(signature, name);
        downloadSlots.acquire();
        try {
            return Optional.of(download(key, name, file, signature, check, publishedSha512));
        } finally {
            downloadSlots.release();
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
        if (small(URI.create(digestsUri + ".sig"), digestsName + ".sig") instanceof SmallFile.NotFound) {
            log.warn("Ignoring {}: upstream publishes no {}.sig to trust it by", digestsUri, digestsName);
            return Optional.empty();
        }
        verifySmall(digestsUri, digestsName, digests.body());
        return DigestsFile.sha512(digests.body(), name);
    }

    /**
     * Streams the file into a staging file through the verifier and the digests. A transfer that
     * breaks is retried with backoff and resumed from the bytes already received (they were
     * verified and hashed as they arrived); if upstream answers a resume with the whole file, the
     * check starts over from its first byte.
     */
    private VerifiedArtifact download(ObjectKey key, String name, URI file, byte[] signature, SignatureCheck firstCheck,
                                      Optional<String> publishedSha512) throws SyncFailure, InterruptedException {
        Path staged = null;
        try {
            staged = store.newStagingFile();
            Transfer transfer = new Transfer(signature, name, firstCheck);
            try (FileChannel out = FileChannel.open(staged, StandardOpenOption.WRITE);
                 DownloadProgress.Tracker tracker = progress.start(key.value(), name)) {
                for (int attempt = 0; ; attempt++) {
                    try {
                        receive(file, transfer, out, tracker);
                        break;
                    } catch (UpstreamException e) {
                        if (!e.isTransient() || attempt >= backoff.retries()) {
                            throw SyncFailure.of(name, e);
                        }
                        log.info("Retrying {} from byte {} after {}: {}", file, transfer.received, e.reason(), e.getMessage());
                        backoff.pause(attempt);
                    }
                }
            }
            Verification verification = finish(transfer.check, name);
            String sha512 = transfer.digests.sha512();
            if (publishedSha512.isPresent() && !publishedSha512.get().equals(sha512)) {
                throw SyncFailure.rejected("digest_mismatch", name, name + " has SHA-512 " + sha512 + " but its signed "
                        + name + ".DIGESTS lists " + publishedSha512.get());
            }
            VerifiedArtifact artifact = commit(key, name, staged, signature, verification, transfer.digests);
            staged = null;
            return artifact;
        } catch (IOException e) {
            throw new SyncFailure("storage_error", name, "cannot stage " + name + ": " + e.getMessage());
        } finally {
            deleteQuietly(staged);
        }
    }

    private void receive(URI file, Transfer transfer, FileChannel out, DownloadProgress.Tracker tracker)
            throws UpstreamException, SyncFailure, IOException {
        Optional<Download> answer = upstream.download(file, transfer.received, transfer.validator);
        try (Download download = answer.orElseThrow(() -> new SyncFailure("missing_file", transfer.name,
                transfer.name + ".sig exists upstream but " + transfer.name + " does not"))) {
            if (download.offset() != transfer.received) {
                transfer.restart();
                out.truncate(0).position(0);
            }
            transfer.validator = download.validator();
            tracker.at(transfer.received, download.contentLength() < 0 ? -1 : transfer.received + download.contentLength());
            byte[] buffer = new byte[BUFFER];
            InputStream in = download.body();
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw UpstreamClient.describe(file, e);
                }
                if (n < 0) {
                    return;
                }
                transfer.update(buffer, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
                tracker.add(n);
            }
        }
    }

    /** The state of one file's download, kept across attempts so a resume continues the same check. */
    private final class Transfer {

        private final byte[] signature;
        private final String name;
        private SignatureCheck check;
        private Digests digests = new Digests();
        private long received;
        private String validator;

        Transfer(byte[] signature, String name, SignatureCheck check) {
            this.signature = signature;
            this.name = name;
            this.check = check;
        }

        void update(byte[] buffer, int length) {
            check.update(buffer, 0, length);
            digests.update(buffer, 0, length);
            received += length;
        }

        void restart() throws SyncFailure {
            check = begin(signature, name);
            digests = new Digests();
            received = 0;
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
