package dev.flatcarmirror.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Meters of the sync, tagged by channel, board and outcome only: never a version or a path. */
@Component
class SyncMetrics {

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void poll(String channel, String board, String outcome) {
        Counter.builder("flatcar_mirror_polls")
                .description("Polls of a channel's pointer file, by outcome")
                .tags("channel", channel, "board", board, "outcome", outcome)
                .register(registry).increment();
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
