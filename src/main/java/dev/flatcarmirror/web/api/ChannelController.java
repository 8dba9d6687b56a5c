package dev.flatcarmirror.web.api;

import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.SyncEventView;
import dev.flatcarmirror.sync.ChannelProperties;
import dev.flatcarmirror.sync.MirrorProperties;
import dev.flatcarmirror.web.ChannelLookup;
import dev.flatcarmirror.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API that provisioning systems script against. */
@RestController
class ChannelController {

    private static final String DEFAULT_BOARD = "amd64-usr";

    private final MirrorProperties properties;
    private final ChannelLookup lookup;
    private final CatalogQueries queries;
    private final Clock clock;

    ChannelController(MirrorProperties properties, ChannelLookup lookup, CatalogQueries queries, Clock clock) {
        this.properties = properties;
        this.lookup = lookup;
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/channels")
    List<ChannelSummary> channels() {
        return properties.channels().stream().map(this::summary).toList();
    }

    @GetMapping("/channels/{channel}")
    ChannelSummary channel(@PathVariable String channel) {
        return summary(lookup.channel(channel));
    }

    @GetMapping("/channels/{channel}/current")
    CurrentRelease current(@PathVariable String channel, @RequestParam(defaultValue = DEFAULT_BOARD) String board) {
        lookup.channelWithBoard(channel, board);
        return queries.current(channel, board).map(CurrentRelease::of).orElseThrow(() -> new NotFoundException(
                "Nothing published yet", "channel '" + channel + "' board '" + board + "' has no published release yet"));
    }

    @GetMapping("/channels/{channel}/releases")
    List<ReleaseView> releases(@PathVariable String channel, @RequestParam(defaultValue = DEFAULT_BOARD) String board) {
        lookup.channelWithBoard(channel, board);
        return queries.releases(channel, board);
    }

    @GetMapping("/channels/{channel}/releases/{version}")
    ReleaseView release(@PathVariable String channel, @PathVariable String version,
                        @RequestParam(defaultValue = DEFAULT_BOARD) String board) {
        lookup.channelWithBoard(channel, board);
        return queries.release(channel, board, version).orElseThrow(() -> new NotFoundException("Unknown release",
                "channel '" + channel + "' board '" + board + "' has no release '" + ChannelLookup.printable(version) + "'"));
    }

    @GetMapping("/channels/{channel}/history")
    List<SyncEventView> history(@PathVariable String channel, @RequestParam(defaultValue = "50") int limit) {
        lookup.channel(channel);
        return queries.history(channel, Math.max(1, Math.min(limit, 500)));
    }

    private ChannelSummary summary(ChannelProperties channel) {
        List<BoardStatus> boards = queries.boardStatuses(channel.name());
        return ChannelSummary.of(channel, boards, clock.instant());
    }
}
