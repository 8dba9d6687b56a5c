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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams one file from upstream into a staging file through the signature check and both
 * digests, in constant memory. A transfer that breaks is retried with backoff and resumed from the
 * bytes already received (they were verified and hashed as they arrived); if upstream answers a
 * resume with the whole file, the check starts over from its first byte.
 */
@Component
class VerifiedTransfer {

    private static final Logger log = LoggerFactory.getLogger(VerifiedTransfer.class);
    private static final int BUFFER = 256 * 1024;

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
        State state = new State(signature, name, check);
        try (FileChannel out = FileChannel.open(staged, StandardOpenOption.WRITE);
             DownloadProgress.Tracker tracker = progress.start(key.value(), name)) {
            for (int attempt = 0; ; attempt++) {
                try {
                    attempt(file, state, out, tracker);
                    break;
                } catch (UpstreamException e) {
                    if (!e.isTransient() || attempt >= backoff.retries()) {
                        throw SyncFailure.of(name, e);
                    }
                    log.info("Retrying {} from byte {} after {}: {}", file, state.received, e.reason().code(), e.getMessage());
                    backoff.pause(attempt);
                }
            }
        }
        return new Result(state.digests, ReleaseFiles.finish(state.check, name));
    }

    private void attempt(URI file, State state, FileChannel out, DownloadProgress.Tracker tracker)
            throws UpstreamException, SyncFailure, IOException {
        Optional<Download> answer = upstream.download(file, state.received, state.validator);
        try (Download download = answer.orElseThrow(() -> new SyncFailure(SyncReason.MISSING_FILE, state.name,
                state.name + ".sig exists upstream but " + state.name + " does not"))) {
            if (download.offset() != state.received) {
                state.restart();
                out.truncate(0).position(0);
            }
            state.validator = download.validator();
            tracker.at(state.received, download.contentLength() < 0 ? -1 : state.received + download.contentLength());
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
                state.update(buffer, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
                tracker.add(n);
            }
        }
    }

    /** One file's progress, kept across attempts so a resume continues the same check. */
    private final class State {

        private final byte[] signature;
        private final String name;
        private SignatureCheck check;
        private Digests digests = new Digests();
        private long received;
        private String validator;

        State(byte[] signature, String name, SignatureCheck check) {
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
            try {
                check = verifier.begin(signature);
            } catch (SignatureRejectedException e) {
                throw SyncFailure.of(name, e);
            }
            digests = new Digests();
            received = 0;
        }
    }
}
