package dev.flatcarmirror.sync;

import dev.flatcarmirror.OutcomeCode;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.channel.Streams;
import dev.flatcarmirror.upstream.UpstreamFailure;
import dev.flatcarmirror.verify.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Meters of the sync, tagged by channel, board and outcome only: never a version or a path. The counters exist at
 * zero from the start for every configured board and every outcome or reason the code knows, so that an alert on
 * {@code increase(...) > 0} fires on the first failure too (a series born at 1 has no increase to see).
 */
@Component
class SyncMetrics {

    private final MeterRegistry registry;
    private final List<OutcomeCode> pollOutcomes;
    private final Set<String> streamsSeen = ConcurrentHashMap.newKeySet();

    SyncMetrics(MeterRegistry registry, MirrorProperties properties) {
        this.registry = registry;
        List<OutcomeCode> outcomes = new ArrayList<>(List.of(PollOutcome.values()));
        outcomes.addAll(List.of(UpstreamFailure.values()));
        outcomes.addAll(List.of(RejectionReason.values()));
        outcomes.addAll(List.of(SyncReason.values()));
        pollOutcomes = List.copyOf(outcomes);
        for (ChannelProperties channel : properties.channels()) {
            for (String board : channel.boards()) {
                pollOutcomes.forEach(outcome -> polls(channel.name(), board, outcome));
                SyncFailure.verificationReasons().forEach(reason -> verificationFailures(channel.name(), board, reason));
                releasesPublished(channel.name(), board);
                artifactsDownloaded(channel.name(), board);
                downloadedBytes(channel.name(), board);
            }
        }
    }

    /**
     * Counts a poll of any stream of the board in {@code flatcar_mirror_polls}, so the alerts on it cover every stream,
     * and a poll of a stream other than current/ also in {@code flatcar_mirror_stream_polls}: streams are few, and current/
     * keeps its series as they were.
     *
     * @param outcome a {@link PollOutcome}, or the reason the poll failed
     */
    void poll(String channel, String board, String stream, OutcomeCode outcome) {
        polls(channel, board, outcome).increment();
        if (!Streams.CURRENT.equals(stream)) {
            // Streams are found at run time: their series start at zero on the first poll, for the same reason as above.
            if (streamsSeen.add(channel + "/" + board + "/" + stream)) {
                pollOutcomes.forEach(known -> streamPolls(channel, board, stream, known));
            }
            streamPolls(channel, board, stream, outcome).increment();
        }
    }

    private Counter streamPolls(String channel, String board, String stream, OutcomeCode outcome) {
        return Counter.builder("flatcar_mirror_stream_polls")
                .description("Polls of a stream's pointer file other than current/ (LTS's current-YYYY), by outcome")
                .tags("channel", channel, "board", board, "stream", stream, "outcome", outcome.code())
                .register(registry);
    }

    void releasePublished(String channel, String board) {
        releasesPublished(channel, board).increment();
    }

    /** A signature, digest or key check refused something upstream published. */
    void verificationFailed(String channel, String board, OutcomeCode reason) {
        verificationFailures(channel, board, reason).increment();
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
        artifactsDownloaded(channel, board).increment();
        downloadedBytes(channel, board).increment(bytes);
    }

    private Counter polls(String channel, String board, OutcomeCode outcome) {
        return Counter.builder("flatcar_mirror_polls")
                .description("Polls of a channel's pointer file, by outcome")
                .tags("channel", channel, "board", board, "outcome", outcome.code())
                .register(registry);
    }

    private Counter releasesPublished(String channel, String board) {
        return Counter.builder("flatcar_mirror_releases_published")
                .description("Releases whose every file was verified and stored, and that were published")
                .tags("channel", channel, "board", board)
                .register(registry);
    }

    private Counter verificationFailures(String channel, String board, OutcomeCode reason) {
        return Counter.builder("flatcar_mirror_verification_failures")
                .description("Files or pointers refused by signature, key or digest checks, by reason")
                .tags("channel", channel, "board", board, "reason", reason.code())
                .register(registry);
    }

    private Counter artifactsDownloaded(String channel, String board) {
        return Counter.builder("flatcar_mirror_artifacts_downloaded")
                .description("Artifacts downloaded, verified and stored")
                .tags("channel", channel, "board", board)
                .register(registry);
    }

    private Counter downloadedBytes(String channel, String board) {
        return Counter.builder("flatcar_mirror_downloaded_bytes")
                .description("Bytes of verified artifacts stored")
                .baseUnit("bytes")
                .tags("channel", channel, "board", board)
                .register(registry);
    }
}
