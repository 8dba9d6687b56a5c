package dev.flatcarmirror.ops;

import dev.flatcarmirror.channel.ChannelStreams;
import dev.flatcarmirror.channel.Freshness;
import dev.flatcarmirror.channel.StreamView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The gauges {@link BoardMetrics} has for a board's current/, for its other streams (LTS's current-YYYY), with a
 * {@code stream} label: few series, as a board has a handful of streams at most. A stream no longer supported has
 * its version and {@code supported 0}, but no state: it is not polled, so it cannot go stale.
 */
@Component
class StreamMetrics {

    private final ChannelStreams streams;
    private final MultiGauge currentVersion;
    private final MultiGauge supported;
    private final MultiGauge state;
    private volatile Map<String, StreamView> latest = Map.of();

    StreamMetrics(ChannelStreams streams, MeterRegistry registry) {
        this.streams = streams;
        currentVersion = MultiGauge.builder("flatcar_mirror_stream_current_version.info")
                .description("The release each stream of a board (besides current/) serves, as the version label")
                .register(registry);
        supported = MultiGauge.builder("flatcar_mirror_stream_supported")
                .description("1 while the stream is polled (listed as supported by lts-info or the configuration), 0 once not")
                .register(registry);
        state = MultiGauge.builder("flatcar_mirror_stream_state")
                .description("1 for a supported stream's freshness state (pending, fresh, failing, stale), 0 for the others")
                .register(registry);
    }

    void refresh() {
        List<StreamView> views = streams.all();
        latest = views.stream().collect(Collectors.toMap(StreamView::key, Function.identity()));
        currentVersion.register(views.stream()
                .filter(view -> view.status().board().currentVersion() != null)
                .map(view -> MultiGauge.Row.of(tags(view).and("version", view.status().board().currentVersion()), 1))
                .toList(), true);
        supported.register(views.stream()
                .map(view -> MultiGauge.Row.of(tags(view), () -> isSupported(view.key()) ? 1 : 0))
                .toList(), true);
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        for (StreamView view : views) {
            if (view.freshness() == null) {
                continue;
            }
            for (Freshness.State candidate : Freshness.State.values()) {
                stateRows.add(MultiGauge.Row.of(tags(view).and("state", candidate.name().toLowerCase(Locale.ROOT)),
                        () -> isIn(view.key(), candidate) ? 1 : 0));
            }
        }
        state.register(stateRows, true);
    }

    private boolean isSupported(String key) {
        StreamView view = latest.get(key);
        return view != null && view.status().supported();
    }

    private boolean isIn(String key, Freshness.State candidate) {
        StreamView view = latest.get(key);
        return view != null && view.freshness() != null && view.freshness().state() == candidate;
    }

    private static Tags tags(StreamView view) {
        return Tags.of("channel", view.channelName(), "board", view.board(), "stream", view.stream());
    }
}
