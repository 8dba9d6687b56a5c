package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.BoardStreams;
import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.catalog.MalformedVersionTxtException;
import dev.flatcarmirror.catalog.ReleaseVersion;
import dev.flatcarmirror.catalog.SyncEventKind;
import dev.flatcarmirror.catalog.VerifiedArtifact;
import dev.flatcarmirror.catalog.VersionTxt;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Streams;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.upstream.DownloadProperties;
import dev.flatcarmirror.upstream.SmallFile;
import dev.flatcarmirror.upstream.UpstreamClient;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.upstream.UpstreamFailure;
import dev.flatcarmirror.upstream.Validators;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * One poll of one stream of one board of a channel ({@code current/}, or LTS's {@code current-YYYY/}): read the signed
 * pointer, and if it names a newer version than the stream's current one, mirror that version's files from its own
 * directory and publish it. Streams share the board's releases: a version another stream already published is not
 * fetched again, only made this stream's current. A release that is
 * not published yet looks again for every file it does not have verified; a file that earlier
 * releases of the board had is only given up after it answered 404 on two polls. A release's files download
 * side by side ({@link ParallelFiles}); the first that fails fails the release, with its reason, and what the others
 * verified meanwhile is kept for the next poll.
 */
@Component
class BoardSync {

    private static final Logger log = LoggerFactory.getLogger(BoardSync.class);
    static final String VERSION_TXT = "version.txt";
    /** A 404 of a file the board's earlier releases had may be a CDN hiccup: believed on the second poll that sees it. */
    private static final int ABSENT_POLLS_TO_CONFIRM = 2;

    private final UpstreamClient upstream;
    private final ReleaseFiles files;
    private final Catalog catalog;
    private final BoardStreams streams;
    private final SyncMetrics metrics;
    private final int parallelFiles;

    BoardSync(UpstreamClient upstream, ReleaseFiles files, Catalog catalog, BoardStreams streams, SyncMetrics metrics,
              DownloadProperties downloads) {
        this.upstream = upstream;
        this.files = files;
        this.catalog = catalog;
        this.streams = streams;
        this.metrics = metrics;
        this.parallelFiles = downloads.parallelFiles();
    }

    void poll(ChannelProperties channel, String board) throws InterruptedException {
        poll(channel, board, Streams.CURRENT);
    }

    void poll(ChannelProperties channel, String board, String stream) throws InterruptedException {
        String name = channel.name();
        try {
            pollPointer(channel, board, stream);
        } catch (RuntimeException e) {
            // The catalog refused a write (or a bug): recorded like any failure rather than lost in a log line.
            catalogFailed(name, board, stream, null, e);
        }
    }

    private void pollPointer(ChannelProperties channel, String board, String stream) throws InterruptedException {
        String name = channel.name();
        String where = where(board, stream);
        Catalog.Pointer pointer = streams.pointer(name, board, stream);
        URI pointerUri = channel.fileUri(board, stream, VERSION_TXT);
        try {
            SmallFile answer = upstream.getSmall(pointerUri, new Validators(pointer.etag(), pointer.lastModified()));
            if (answer instanceof SmallFile.NotModified) {
                streams.pollSucceeded(name, board, stream, null, null);
                metrics.poll(name, board, stream, PollOutcome.NOT_MODIFIED);
                return;
            }
            if (!(answer instanceof SmallFile.Found found)) {
                throw SyncFailure.of(VERSION_TXT, new UpstreamException(UpstreamFailure.UPSTREAM_STATUS, pointerUri + " answered 404"));
            }
            ReleaseVersion version = resolve(channel, board, pointerUri, found.body());
            if (pointer.currentVersion() != null) {
                ReleaseVersion current = new ReleaseVersion(pointer.currentVersion());
                if (version.equals(current)) {
                    streams.pollSucceeded(name, board, stream, found.validators().etag(), found.validators().lastModified());
                    metrics.poll(name, board, stream, PollOutcome.UP_TO_DATE);
                    return;
                }
                if (current.isNewerThan(version)) {
                    throw new SyncFailure(SyncReason.ROLLBACK, VERSION_TXT, "upstream announces " + version
                            + ", older than the current " + current + "; ignored");
                }
            }
            mirror(channel, board, stream, version, found.validators());
        } catch (SyncFailure failure) {
            log.warn("Poll of {} {} failed: {} ({})", name, where, failure.getMessage(), failure.reason().code());
            streams.pollFailed(name, board, stream, failure.file(), SyncEventKind.REJECTED, failure.reason(), failure.getMessage());
            metrics.poll(name, board, stream, failure.reason());
            if (failure.isVerification()) {
                metrics.verificationFailed(name, board, failure.reason());
            }
        } catch (UpstreamException e) {
            log.warn("Poll of {} {} failed: {} ({})", name, where, e.getMessage(), e.reason().code());
            streams.pollFailed(name, board, stream, VERSION_TXT, SyncEventKind.FAILED, e.reason(), e.getMessage());
            metrics.poll(name, board, stream, e.reason());
        }
    }

    /** Records that the catalog failed, in the catalog if it can still take that, and in the log and the metrics anyway. */
    private void catalogFailed(String channel, String board, String stream, Long releaseId, RuntimeException e) {
        String detail = "the catalog refused the change: " + NestedExceptionUtils.getMostSpecificCause(e);
        String where = where(board, stream);
        log.error("Poll of {} {} failed in the catalog ({}): {}", channel, where, SyncReason.CATALOG_ERROR.code(), detail, e);
        metrics.poll(channel, board, stream, SyncReason.CATALOG_ERROR);
        try {
            if (releaseId == null) {
                streams.pollFailed(channel, board, stream, null, SyncEventKind.FAILED, SyncReason.CATALOG_ERROR, detail);
            } else {
                streams.releaseFailed(releaseId, stream, null, SyncReason.CATALOG_ERROR, detail);
            }
        } catch (RuntimeException again) {
            log.error("Could not record the catalog failure of {} {} either: {}", channel, where, again.toString());
        }
    }

    /** Checks the pointer's signature and content, and that its version may be mirrored at all. */
    private ReleaseVersion resolve(ChannelProperties channel, String board, URI pointerUri, byte[] pointer) throws SyncFailure {
        files.verifySmall(pointerUri, VERSION_TXT, pointer);
        ReleaseVersion version = parse(pointer).version();
        int expected = channel.expectedBranch();
        if (!channel.allowAnyStage() && expected >= 0 && version.branch() != expected) {
            throw new SyncFailure(SyncReason.CHANNEL_MISMATCH, VERSION_TXT, "version " + version + " of " + board
                    + " does not belong to the " + channel.name() + " channel (expected x." + expected + ".y); "
                    + "set allow-any-stage to accept it");
        }
        return version;
    }

    private void mirror(ChannelProperties channel, String board, String stream, ReleaseVersion version,
                        Validators pointerValidators) throws SyncFailure, InterruptedException {
        String name = channel.name();
        String where = where(board, stream);
        String directory = version.value();
        // Everything comes from the version's own directory: current/ may move on mid-sync.
        URI versionTxtUri = channel.fileUri(board, directory, VERSION_TXT);
        ReleaseFiles.VerifiedSmallFile versionTxt = files.fetchSmallVerified(versionTxtUri, VERSION_TXT);
        if (!parse(versionTxt.content()).version().equals(version)) {
            throw new SyncFailure(SyncReason.VERSION_MISMATCH, VERSION_TXT, versionTxtUri + " does not announce " + version);
        }
        Instant releaseSignedAt = versionTxt.verification().signatureCreatedAt();
        Catalog.ReleaseAttempt attempt = catalog.beginRelease(name, board, version.value(),
                new String(versionTxt.content(), StandardCharsets.UTF_8));
        log.info("Mirroring {} {} {} ({} file(s) already verified)", name, where, version, attempt.verifiedFiles().size());
        long releaseId = attempt.releaseId();
        String current = VERSION_TXT;
        try {
            if (!attempt.verifiedFiles().contains(VERSION_TXT)) {
                catalog.recordVerified(releaseId, files.store(key(name, board, version, VERSION_TXT), versionTxt));
            }
            List<String> unconfirmed = new ArrayList<>();
            List<String> missing = channel.artifacts().stream().filter(artifact -> !attempt.verifiedFiles().contains(artifact)).toList();
            current = missing.isEmpty() ? current : missing.get(0);
            new ParallelFiles(parallelFiles, "download-" + name + "-" + board).run(missing,
                    artifact -> download(channel, board, version, artifact, releaseSignedAt),
                    (artifact, mirrored) -> {
                        int absentPolls = record(name, board, releaseId, artifact, mirrored);
                        if (absentPolls > 0 && absentPolls < ABSENT_POLLS_TO_CONFIRM && attempt.expectedFiles().contains(artifact)) {
                            unconfirmed.add(artifact);
                        }
                    });
            // Completion order is not the configured order: the message names the files as the configuration does.
            unconfirmed.sort(Comparator.comparingInt(channel.artifacts()::indexOf));
            if (!unconfirmed.isEmpty()) {
                current = unconfirmed.get(0);
                throw new SyncFailure(SyncReason.MISSING_FILE, current, unconfirmed + " answered 404, but earlier releases of "
                        + board + " had them; looked for again on the next poll, and published without them only if still missing then");
            }
            boolean moved = streams.publish(releaseId, stream, pointerValidators.etag(), pointerValidators.lastModified());
            metrics.poll(name, board, stream, PollOutcome.PUBLISHED);
            metrics.releasePublished(name, board);
            log.info("Published {} {} {}{}", name, where, version, moved ? " as current" : "");
        } catch (SyncFailure failure) {
            log.warn("Release {} {} {} not published: {} ({})", name, where, version, failure.getMessage(), failure.reason().code());
            streams.releaseFailed(releaseId, stream, failure.file() == null ? current : failure.file(), failure.reason(),
                    failure.getMessage());
            metrics.poll(name, board, stream, failure.reason());
            if (failure.isVerification()) {
                metrics.verificationFailed(name, board, failure.reason());
            }
        } catch (RuntimeException e) {
            catalogFailed(name, board, stream, releaseId, e);
        }
    }

    /** Downloads and verifies one artifact into the store, on a download thread; empty when upstream does not have it. */
    private Optional<VerifiedArtifact> download(ChannelProperties channel, String board, ReleaseVersion version, String artifact,
                                                Instant releaseSignedAt) throws SyncFailure, InterruptedException {
        String name = channel.name();
        Timer.Sample download = metrics.startDownload();
        Optional<VerifiedArtifact> mirrored;
        try {
            mirrored = files.mirror(name, key(name, board, version, artifact), artifact,
                    channel.fileUri(board, version.value(), artifact), releaseSignedAt);
        } catch (SyncFailure failure) {
            metrics.downloadFinished(download, name, board, failure.reason());
            throw failure;
        }
        metrics.downloadFinished(download, name, board, mirrored.isPresent() ? DownloadOutcome.VERIFIED : DownloadOutcome.ABSENT);
        return mirrored;
    }

    /**
     * Records one artifact's download in the catalog, on the poll's thread.
     *
     * @return 0 when upstream had it, else on how many polls of this release it has answered 404
     */
    private int record(String name, String board, long releaseId, String artifact, Optional<VerifiedArtifact> mirrored) {
        if (mirrored.isPresent()) {
            catalog.recordVerified(releaseId, mirrored.get());
            metrics.artifactMirrored(name, board, mirrored.get().size());
            return 0;
        }
        return catalog.recordAbsent(releaseId, artifact);
    }

    /** {@code board} for current/, as the logs always said; {@code board/stream} for another stream. */
    private static String where(String board, String stream) {
        return Streams.CURRENT.equals(stream) ? board : board + "/" + stream;
    }

    private static VersionTxt parse(byte[] content) throws SyncFailure {
        try {
            return VersionTxt.parse(content);
        } catch (MalformedVersionTxtException e) {
            throw new SyncFailure(e.unsafeVersion() ? SyncReason.UNSAFE_VERSION : SyncReason.MALFORMED_VERSION_TXT, VERSION_TXT, e.getMessage());
        }
    }

    private static ObjectKey key(String channel, String board, ReleaseVersion version, String file) {
        return ObjectKey.of(channel, board, version.value(), file);
    }
}
