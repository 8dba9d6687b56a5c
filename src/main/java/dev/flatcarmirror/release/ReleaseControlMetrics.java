package dev.flatcarmirror.release;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges per internal channel and board, registered at start so that every series exists from the first scrape:
 * held and pinned (0 or 1), and the seconds since the policy last advanced it (NaN until it first has).
 * The values come from the catalog at {@link #refresh()}, never on a scrape.
 */
@Component
class ReleaseControlMetrics {

    private static final Logger log = LoggerFactory.getLogger(ReleaseControlMetrics.class);

    private final ServedChannels channels;
    private final CurrentReleases current;
    private final Clock clock;
    private volatile Map<String, BoardControl> latest = Map.of();

    ReleaseControlMetrics(ServedChannels channels, CurrentReleases current, MeterRegistry registry, Clock clock) {
        this.channels = channels;
        this.current = current;
        this.clock = clock;
        MultiGauge held = MultiGauge.builder("flatcar_mirror_channel_held")
                .description("1 while the internal channel's board is held (it does not advance), else 0").register(registry);
        MultiGauge pinned = MultiGauge.builder("flatcar_mirror_channel_pinned")
                .description("1 while the internal channel's board is pinned to a version, else 0").register(registry);
        MultiGauge age = MultiGauge.builder("flatcar_mirror_channel_last_advanced_age")
                .description("Seconds since the policy last moved the internal channel's board to a newer release; NaN before it first has")
                .baseUnit("seconds").register(registry);
        held.register(rows(key -> latest.containsKey(key) && latest.get(key).held() != null ? 1 : 0), false);
        pinned.register(rows(key -> latest.containsKey(key) && latest.get(key).pinned() != null ? 1 : 0), false);
        age.register(rows(this::secondsSinceAdvanced), false);
    }

    void refresh() {
        try {
            latest = channels.internalChannels().stream()
                    .flatMap(channel -> channel.boards().stream().map(board -> current.control(channel.name(), board)))
                    .collect(Collectors.toMap(control -> control.channel() + "/" + control.board(), Function.identity()));
        } catch (RuntimeException e) {
            log.warn("Could not read the internal channels' state for their gauges; they keep their last values: {}", e.toString());
        }
    }

    private double secondsSinceAdvanced(String key) {
        BoardControl control = latest.get(key);
        if (control == null || control.lastAdvancedAt() == null) {
            return Double.NaN;
        }
        return Duration.between(control.lastAdvancedAt(), clock.instant()).toMillis() / 1000.0;
    }

    private List<MultiGauge.Row<?>> rows(java.util.function.ToDoubleFunction<String> value) {
        List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
        for (InternalChannel channel : channels.internalChannels()) {
            for (String board : channel.boards()) {
                String key = channel.name() + "/" + board;
                rows.add(MultiGauge.Row.of(Tags.of("channel", channel.name(), "board", board), () -> value.applyAsDouble(key)));
            }
        }
        return rows;
    }
}
