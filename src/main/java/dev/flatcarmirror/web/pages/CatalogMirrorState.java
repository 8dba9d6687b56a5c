package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.catalog.StreamQueries;
import dev.flatcarmirror.catalog.StreamStatus;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.ignition.IgnitionConfigs;
import dev.flatcarmirror.release.AuditLog;
import dev.flatcarmirror.release.AuditView;
import dev.flatcarmirror.release.ChannelPolicy;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.sync.DownloadProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The mirror's state as the channels, the catalog and the sync's download progress know it. */
@Component
class CatalogMirrorState implements MirrorState {

    private final CurrentReleases queries;
    private final AuditLog audit;
    private final DownloadProgress progress;

    private final IgnitionConfigs configs;
    private final StreamQueries streams;

    CatalogMirrorState(CurrentReleases queries, AuditLog audit, DownloadProgress progress, IgnitionConfigs configs,
                       StreamQueries streams) {
        this.queries = queries;
        this.audit = audit;
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
    public Optional<ChannelPolicy> policy(String channel, String board) {
        return queries.policy(channel, board);
    }

    @Override
    public List<AuditView> audit(String channel, int limit) {
        return audit.latest(channel, limit);
    }

    @Override
    public Optional<String> defaultConfigUrl(String mirror, String channel) {
        return configs.pageUrl(mirror, IgnitionConfigs.DEFAULT, channel);
    }

    @Override
    public List<BoardView> boards(ChannelProperties channel) {
        return queries.boards(channel.name());
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
