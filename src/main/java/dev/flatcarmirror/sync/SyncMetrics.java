package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Meters of the sync, tagged by channel, board and outcome only: never a version or a path. */
@Component
class SyncMetrics {

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param outcome a {@link PollOutcome}, or the reason the poll failed */
    void poll(String channel, String board, OutcomeCode outcome) {
        Counter.builder("flatcar_mirror_polls")
                .description("Polls of a channel's pointer file, by outcome")
                .tags("channel", channel, "board", board, "outcome", outcome.code())
                .register(registry).increment();
    }

    void releasePublished(String channel, String board) {
        Counter.builder("flatcar_mirror_releases_published")
                .description("Releases whose every file was verified and stored, and that were published")
                .tags("channel", channel, "board", board)
                .register(registry).increment();
    }

    /** A signature, digest or key check refused something upstream published. */
    void verificationFailed(String channel, String board, OutcomeCode reason) {
        Counter.builder("flatcar_mirror_verification_failures")
                .description("Files or pointers refused by signature, key or digest checks, by reason")
                .tags("channel", channel, "board", board, "reason", reason.code())
                .register(registry).increment();
    }

    Timer.Sample startDownload() {
        return Timer.start(registry);
    }

    /** @param outcome a {@link DownloadOutcome}, or the reason the download failed */
    void downloadFinished(Timer.Sample sample, String channel, String board, OutcomeCode outcome) {
        sample.stop(Timer.builder("flatcar_mirror_download_duration")
                .description("Time to download, verify and store one artifact, by outcome")
                .tags("channel", channel, "board", board, "outcome", outcome.code())
                .register(registry));
    }

    void artifactMirrored(String channel, String board, long bytes) {
        Counter.builder("flatcar_mirror_artifacts_downloaded")
                .description("Artifacts downloaded, verified and stored")
                .tags("channel", channel, "board", board)
                .register(registry).increment();
        Counter.builder("flatcar_mirror_downloaded_bytes")
                .description("Bytes of verified artifacts stored")
                .baseUnit("bytes")
                .tags("channel", channel, "board", board)
                .register(registry).increment(bytes);
    }
}
