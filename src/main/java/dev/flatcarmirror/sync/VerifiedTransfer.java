package dev.flatcarmirror.sync;

import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.upstream.Download;
import dev.flatcarmirror.upstream.UpstreamClient;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.verify.SignatureCheck;
import dev.flatcarmirror.verify.SignatureRejectedException;
import dev.flatcarmirror.verify.SignatureVerifier;
import dev.flatcarmirror.verify.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams one file from upstream into a staging file through the signature check and both
 * digests, in constant memory. The bytes are read once; the check, each digest and the write run on
 * threads of their own ({@link StreamPipeline}), and where the signature hashes with SHA-256 or SHA-512 its
 * digest of the document is taken as that digest instead of hashing the file twice. A transfer that breaks is
 * retried with backoff and resumed from the bytes already received (they were verified and hashed as they
 * arrived); if upstream answers a resume with the whole file, the check starts over from its first byte.
 */
@Component
class VerifiedTransfer {

    private static final Logger log = LoggerFactory.getLogger(VerifiedTransfer.class);
    /**
     * Large enough that handing a buffer to the stages costs nothing next to hashing it, small enough that it is still
     * in the caches when the other cores read it: 1 MiB buffers cost about twice the system time in the page-cache copy.
     */
    static final int BUFFER = 256 * 1024;
    /** Per download: what the slowest stage may lag behind the reader, and all the memory a transfer holds (2 MiB). */
    static final int BUFFERS = 8;

    record Result(Digests digests, Verification verification) {
    }

    private final UpstreamClient upstream;
    private final SignatureVerifier verifier;
    private final DownloadProgress progress;
    private final Backoff backoff;

    VerifiedTransfer(UpstreamClient upstream, SignatureVerifier verifier, DownloadProgress progress, Backoff backoff) {
        this.upstream = upstream;
        this.verifier = verifier;
        this.progress = progress;
        this.backoff = backoff;
    }

    Result receive(ObjectKey key, String name, URI file, byte[] signature, SignatureCheck check, Path staged)
            throws SyncFailure, IOException, InterruptedException {
        try (FileChannel out = FileChannel.open(staged, StandardOpenOption.WRITE);
             DownloadProgress.Tracker tracker = progress.start(key.value(), name);
             State state = new State(signature, name, out, check)) {
            for (int attempt = 0; ; attempt++) {
                try {
                    attempt(file, state, tracker);
                    break;
                } catch (UpstreamException e) {
                    if (!e.isTransient() || attempt >= backoff.retries()) {
                        throw SyncFailure.of(name, e);
                    }
                    log.info("Retrying {} from byte {} after {}: {}", file, state.received, e.reason().code(), e.getMessage());
                    backoff.pause(attempt);
                }
            }
            return state.finish();
        }
    }

    private void attempt(URI file, State state, DownloadProgress.Tracker tracker)
            throws UpstreamException, SyncFailure, IOException, InterruptedException {
        Optional<Download> answer = upstream.download(file, state.received, state.validator);
        try (Download download = answer.orElseThrow(() -> new SyncFailure(SyncReason.MISSING_FILE, state.name,
                state.name + ".sig exists upstream but " + state.name + " does not"))) {
            if (download.offset() != state.received) {
                state.restart();
            }
            state.validator = download.validator();
            tracker.at(state.received, download.contentLength() < 0 ? -1 : state.received + download.contentLength());
            InputStream in = download.body();
            boolean more = true;
            while (more) {
                more = fill(in, state.pipeline.take(), state, tracker, file);
            }
        }
    }

    /**
     * Reads into one buffer until it is full or the body ends, and hands it on whatever happens: bytes received
     * before a broken read are checked and written, so a resume continues right after them.
     *
     * @return false when the body has ended
     */
    private static boolean fill(InputStream in, StreamPipeline.Buffer buffer, State state, DownloadProgress.Tracker tracker,
                                URI file) throws UpstreamException, InterruptedException {
        byte[] bytes = buffer.bytes();
        try {
            while (!buffer.isFull()) {
                if (Thread.interrupted()) {
                    // The release is given up (another of its files failed, or shutdown): stop reading now.
                    throw new InterruptedException("download of " + file + " cancelled");
                }
                int n;
                try {
                    n = in.read(bytes, buffer.length(), bytes.length - buffer.length());
                } catch (IOException e) {
                    throw UpstreamClient.describe(file, e);
                }
                if (n < 0) {
                    return false;
                }
                buffer.filled(n);
                state.received += n;
                tracker.add(n);
            }
            return true;
        } finally {
            state.pipeline.submit(buffer);
        }
    }

    /** One file's progress, kept across attempts so a resume continues the same check. */
    private final class State implements AutoCloseable {

        private final byte[] signature;
        private final String name;
        private final FileChannel out;
        private SignatureCheck check;
        private MessageDigest sha256;
        private MessageDigest sha512;
        private StreamPipeline pipeline;
        private long received;
        private String validator;

        State(byte[] signature, String name, FileChannel out, SignatureCheck check) {
            this.signature = signature;
            this.name = name;
            this.out = out;
            start(check);
        }

        /** A new pass from the file's first byte: the signature's own digest stands in for the one it computes anyway. */
        private void start(SignatureCheck fresh) {
            check = fresh;
            Optional<String> signatureDigest = check.documentDigestAlgorithm();
            sha256 = signatureDigest.filter(Digests.SHA_256::equals).isPresent() ? null : Digests.digest(Digests.SHA_256);
            sha512 = signatureDigest.filter(Digests.SHA_512::equals).isPresent() ? null : Digests.digest(Digests.SHA_512);
            List<StreamPipeline.Stage> stages = new ArrayList<>();
            stages.add(new StreamPipeline.Stage("signature", check::update));
            if (sha256 != null) {
                stages.add(new StreamPipeline.Stage("sha256", sha256::update));
            }
            if (sha512 != null) {
                stages.add(new StreamPipeline.Stage("sha512", sha512::update));
            }
            stages.add(new StreamPipeline.Stage("write", this::write));
            pipeline = new StreamPipeline("transfer-" + name, stages, BUFFERS, BUFFER);
            received = 0;
        }

        private void write(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }

        void restart() throws SyncFailure, IOException {
            // The old stages are stopped (and done with the file) before it is emptied.
            pipeline.close();
            out.truncate(0).position(0);
            try {
                start(verifier.begin(signature));
            } catch (SignatureRejectedException e) {
                throw SyncFailure.of(name, e);
            }
        }

        Result finish() throws SyncFailure, IOException, InterruptedException {
            pipeline.finish();
            Verification verification = ReleaseFiles.finish(check, name);
            byte[] sha256Bytes = sha256 == null ? check.documentDigest() : sha256.digest();
            byte[] sha512Bytes = sha512 == null ? check.documentDigest() : sha512.digest();
            return new Result(new Digests(sha256Bytes, sha512Bytes), verification);
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }
}
