package dev.flatcarmirror.ops;

import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelBoards;
import dev.flatcarmirror.channel.Freshness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Gauges of what each board serves and how fresh it is, read from the catalog by {@link #refresh()}
 * rather than on every scrape. The version appears as a label of the info gauge only.
 */
@Component
class BoardMetrics {

    private static final double NOT_YET = Double.NaN;

    private final ChannelBoards boards;
    private final MultiGauge currentVersion;
    private final MultiGauge lastSuccess;
    private final MultiGauge boardState;
    private final MultiGauge channelStale;
    private volatile Map<String, BoardView> latest = Map.of();

    BoardMetrics(ChannelBoards boards, MeterRegistry registry) {
        this.boards = boards;
        // A name ending in ".info" makes the Prometheus registry expose an info metric: value 1, the version a label.
        currentVersion = MultiGauge.builder("flatcar_mirror_current_version.info")
                .description("The release each board of each channel currently serves, as the version label")
                .register(registry);
        lastSuccess = MultiGauge.builder("flatcar_mirror_last_successful_sync_timestamp")
                .description("When a poll of the board last succeeded (published, or confirmed up to date), seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
        boardState = MultiGauge.builder("flatcar_mirror_board_state")
                .description("1 for the board's freshness state (pending, fresh, failing, stale), 0 for the others")
                .register(registry);
        channelStale = MultiGauge.builder("flatcar_mirror_channel_stale")
                .description("1 when a board of the channel has been stale for longer than the channel's max-age, else 0")
                .register(registry);
    }

    void refresh() {
        List<BoardView> states = boards.all();
        latest = states.stream().collect(Collectors.toMap(BoardView::key, Function.identity()));
        // Rows keep their value functions across refreshes; only the set of rows is replaced.
        currentVersion.register(states.stream()
                .filter(state -> state.status().currentVersion() != null)
                .map(state -> MultiGauge.Row.of(tags(state).and("version", state.status().currentVersion()), 1))
                .toList(), false);
        lastSuccess.register(states.stream()
                .filter(state -> state.status().lastSuccessfulSync() != null)
                .map(state -> MultiGauge.Row.of(tags(state), () -> lastSuccessSeconds(state.key())))
                .toList(), false);
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        for (BoardView state : states) {
            for (Freshness.State candidate : Freshness.State.values()) {
                stateRows.add(MultiGauge.Row.of(tags(state).and("state", candidate.name().toLowerCase(Locale.ROOT)),
                        () -> isIn(state.key(), candidate) ? 1 : 0));
            }
        }
        boardState.register(stateRows, false);
        channelStale.register(states.stream().map(BoardView::channelName).distinct()
                .map(channel -> MultiGauge.Row.of(Tags.of("channel", channel), () -> anyStale(channel) ? 1 : 0))
                .toList(), false);
    }

    private double lastSuccessSeconds(String key) {
        BoardView state = latest.get(key);
        Instant at = state == null ? null : state.status().lastSuccessfulSync();
        return at == null ? NOT_YET : at.toEpochMilli() / 1000.0;
    }

    private boolean isIn(String key, Freshness.State candidate) {
        BoardView state = latest.get(key);
        return state != null && state.freshness().state() == candidate;
    }

    private boolean anyStale(String channel) {
        return latest.values().stream()
                .anyMatch(state -> state.channelName().equals(channel) && state.freshness().state() == Freshness.State.STALE);
    }

    private static Tags tags(BoardView state) {
        return Tags.of("channel", state.channelName(), "board", state.board());
    }
}
