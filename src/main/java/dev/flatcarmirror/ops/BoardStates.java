package dev.flatcarmirror.ops;

import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.sync.ChannelProperties;
import dev.flatcarmirror.sync.Freshness;
import dev.flatcarmirror.sync.MirrorProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every configured board of every channel with its catalog status and freshness, for health and metrics. */
@Component
class BoardStates {

    /** One board as it stands now; a board the catalog has not registered yet is pending. */
    record BoardState(String channel, String board, BoardStatus status, Freshness freshness) {

        String key() {
            return channel + "/" + board;
        }
    }

    private final MirrorProperties mirror;
    private final CatalogQueries catalog;
    private final Clock clock;

    BoardStates(MirrorProperties mirror, CatalogQueries catalog, Clock clock) {
        this.mirror = mirror;
        this.catalog = catalog;
        this.clock = clock;
    }

    List<BoardState> all() {
        Instant now = clock.instant();
        List<BoardState> states = new ArrayList<>();
        for (ChannelProperties channel : mirror.channels()) {
            Map<String, BoardStatus> known = catalog.boardStatuses(channel.name()).stream()
                    .collect(Collectors.toMap(BoardStatus::board, Function.identity()));
            for (String board : channel.boards()) {
                BoardStatus status = known.getOrDefault(board, new BoardStatus(board, null, null, null, null, null));
                states.add(new BoardState(channel.name(), board, status, Freshness.of(channel, status, now)));
            }
        }
        return states;
    }
}
