package dev.flatcarmirror.channel;

import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.CatalogQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Joins the configuration with the catalog: every configured board, with its catalog status and
 * freshness. A board the catalog has not registered yet is pending.
 */
@Component
public class ChannelBoards {

    private final Channels channels;
    private final CatalogQueries catalog;
    private final Clock clock;

    ChannelBoards(Channels channels, CatalogQueries catalog, Clock clock) {
        this.channels = channels;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Every board of every channel, in configuration order. */
    public List<BoardView> all() {
        Instant now = clock.instant();
        return channels.all().stream().flatMap(channel -> of(channel, now).stream()).toList();
    }

    /** The channel's boards, in configuration order. */
    public List<BoardView> of(ChannelProperties channel) {
        return of(channel, clock.instant());
    }

    /** One board; a 404 for a channel or board that is not configured. */
    public BoardView of(String channel, String board) {
        ChannelProperties config = channels.channelWithBoard(channel, board);
        return of(config).stream().filter(view -> view.board().equals(board)).findFirst().orElseThrow();
    }

    private List<BoardView> of(ChannelProperties channel, Instant now) {
        return join(channel, catalog.boardStatuses(channel.name()), now);
    }

    /** The configured boards with what the catalog knows of them; pure, for callers that have the statuses at hand. */
    public static List<BoardView> join(ChannelProperties channel, List<BoardStatus> known, Instant now) {
        Map<String, BoardStatus> byBoard = known.stream().collect(Collectors.toMap(BoardStatus::board, Function.identity()));
        return channel.boards().stream()
                .map(board -> byBoard.getOrDefault(board, BoardStatus.pending(board)))
                .map(status -> new BoardView(channel, status, Freshness.of(channel, status, now)))
                .toList();
    }
}
