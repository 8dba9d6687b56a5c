package dev.flatcarmirror.ops;

import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelBoards;
import dev.flatcarmirror.channel.ChannelStreams;
import dev.flatcarmirror.channel.StreamView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code channels} in {@code /actuator/health}: the freshness of every board of every channel.
 * Always UP: while upstream is down or a release fails verification the mirror keeps serving the
 * last good release, which is its job, so this must never take the pod out of service. It is not
 * part of the readiness group; alert on {@code flatcar_mirror_channel_stale} instead.
 */
@Component
class ChannelsHealthIndicator implements HealthIndicator {

    private final ChannelBoards boards;
    private final ChannelStreams streams;

    ChannelsHealthIndicator(ChannelBoards boards, ChannelStreams streams) {
        this.boards = boards;
        this.streams = streams;
    }

    @Override
    public Health health() {
        Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
        try {
            for (BoardView state : boards.all()) {
                channels.computeIfAbsent(state.channelName(), channel -> new LinkedHashMap<>()).put(state.board(), details(state));
            }
            for (StreamView stream : streams.all()) {
                streamsOf(channels, stream).put(stream.stream(), details(stream));
            }
        } catch (RuntimeException e) {
            // The catalog is unreadable, which the db check reports; here it only means "cannot tell".
            return Health.unknown().withException(e).build();
        }
        return Health.up().withDetails(channels).build();
    }

    /** A board's streams besides current/ go under its {@code streams} detail. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> streamsOf(Map<String, Map<String, Object>> channels, StreamView stream) {
        Map<String, Object> board = (Map<String, Object>) channels.get(stream.channelName()).get(stream.board());
        return (Map<String, Object>) board.computeIfAbsent("streams", key -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, Object> details(StreamView stream) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("supported", stream.status().supported());
        if (stream.freshness() != null) {
            details.put("state", stream.freshness().state().name());
            details.put("reason", stream.freshness().reason());
        } else {
            details.put("reason", "no longer supported since " + stream.status().unsupportedSince() + "; not polled, its last release still served");
        }
        if (stream.status().board().currentVersion() != null) {
            details.put("currentVersion", stream.status().board().currentVersion());
        }
        return details;
    }

    private static Map<String, Object> details(BoardView state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.freshness().state().name());
        details.put("reason", state.freshness().reason());
        if (state.status().currentVersion() != null) {
            details.put("currentVersion", state.status().currentVersion());
        }
        if (state.status().lastSuccessfulSync() != null) {
            details.put("lastSuccessfulSync", state.status().lastSuccessfulSync().toString());
        }
        return details;
    }
}
