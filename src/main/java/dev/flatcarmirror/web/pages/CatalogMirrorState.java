package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.catalog.StreamQueries;
import dev.flatcarmirror.catalog.StreamStatus;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelBoards;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.ignition.IgnitionConfigs;
import dev.flatcarmirror.sync.DownloadProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The mirror's state as the channels, the catalog and the sync's download progress know it. */
@Component
class CatalogMirrorState implements MirrorState {

    private final ChannelBoards boards;
    private final CatalogQueries queries;
    private final DownloadProgress progress;

    private final IgnitionConfigs configs;
    private final StreamQueries streams;

    CatalogMirrorState(ChannelBoards boards, CatalogQueries queries, DownloadProgress progress, IgnitionConfigs configs,
                       StreamQueries streams) {
        this.boards = boards;
        this.queries = queries;
        this.progress = progress;
        this.configs = configs;
        this.streams = streams;
    }

    @Override
    public Map<String, ReleaseView> streamCurrents(String channel, String board) {
        Map<String, ReleaseView> currents = new TreeMap<>();
        for (StreamStatus status : streams.statuses(channel, board)) {
            streams.current(channel, board, status.stream()).ifPresent(release -> currents.put(status.stream(), release));
        }
        return currents;
    }

    @Override
    public Optional<String> defaultConfigUrl(String mirror, String channel) {
        return configs.pageUrl(mirror, IgnitionConfigs.DEFAULT, channel);
    }

    @Override
    public List<BoardView> boards(ChannelProperties channel) {
        return boards.of(channel);
    }

    @Override
    public List<ReleaseView> releases(String channel, String board) {
        return queries.releases(channel, board);
    }

    @Override
    public Optional<ReleaseView> release(String channel, String board, String version) {
        return queries.release(channel, board, version);
    }

    @Override
    public Optional<ReleaseView> current(String channel, String board) {
        return queries.current(channel, board);
    }

    @Override
    public Optional<StoredFile> publishedFile(String channel, String board, String version, String fileName) {
        return queries.publishedFile(channel, board, version, fileName);
    }

    @Override
    public List<DownloadProgress.Transfer> transfers(String keyPrefix) {
        return progress.under(keyPrefix);
    }
}
