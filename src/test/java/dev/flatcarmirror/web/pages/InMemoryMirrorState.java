package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelBoards;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.sync.DownloadProgress;
import dev.flatcarmirror.catalog.ReleaseVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mirror's state as a slice test sets it up. A hand-written fake rather than Mockito mocks:
 * once HelmChartTest has loaded helm's native library, Mockito can no longer attach its agent to
 * the test JVM (see the report on the surefire configuration).
 */
class InMemoryMirrorState implements MirrorState {

    private final Map<String, List<BoardStatus>> statuses = new HashMap<>();
    private final List<ReleaseView> releases = new ArrayList<>();
    private final Map<String, Long> fileSizes = new HashMap<>();
    private final List<DownloadProgress.Transfer> transfers = new ArrayList<>();
    private final Map<String, String> defaultConfigUrls = new HashMap<>();

    void reset() {
        statuses.clear();
        releases.clear();
        fileSizes.clear();
        transfers.clear();
        defaultConfigUrls.clear();
    }

    /** The default config's redacted URL for machines booting {@code channel}, with {@code MIRROR} for the mirror's base. */
    void setDefaultConfigUrl(String channel, String url) {
        defaultConfigUrls.put(channel, url);
    }

    @Override
    public Optional<String> defaultConfigUrl(String mirror, String channel) {
        return Optional.ofNullable(defaultConfigUrls.get(channel)).map(url -> url.replace("MIRROR", mirror));
    }

    void boards(String channel, BoardStatus... boards) {
        statuses.put(channel, List.of(boards));
    }

    /** Adds releases, newest first, each replacing one of the same version. */
    void releases(ReleaseView... added) {
        for (ReleaseView release : added) {
            releases.removeIf(existing -> existing.channel().equals(release.channel()) && existing.board().equals(release.board())
                    && existing.version().equals(release.version()));
            releases.add(release);
        }
        releases.sort((a, b) -> new ReleaseVersion(b.version()).compareTo(new ReleaseVersion(a.version())));
    }

    /** Stored size of a file of any published release, by name ({@code x} or {@code x.sig}). */
    void storedFile(String name, long size) {
        fileSizes.put(name, size);
    }

    void transfer(DownloadProgress.Transfer transfer) {
        transfers.add(transfer);
    }

    @Override
    public List<BoardView> boards(ChannelProperties channel) {
        return ChannelBoards.join(channel, statuses.getOrDefault(channel.name(), List.of()), CatalogFixtures.NOW);
    }

    @Override
    public List<ReleaseView> releases(String channel, String board) {
        return releases.stream().filter(release -> release.channel().equals(channel) && release.board().equals(board)).toList();
    }

    @Override
    public Optional<ReleaseView> release(String channel, String board, String version) {
        return releases(channel, board).stream().filter(release -> release.version().equals(version)).findFirst();
    }

    @Override
    public Optional<ReleaseView> current(String channel, String board) {
        return releases(channel, board).stream().filter(ReleaseView::current).findFirst();
    }

    @Override
    public Optional<StoredFile> publishedFile(String channel, String board, String version, String fileName) {
        return release(channel, board, version).filter(release -> release.state() == ReleaseState.PUBLISHED)
                .flatMap(release -> Optional.ofNullable(fileSizes.get(fileName))).map(CatalogFixtures::stored);
    }

    @Override
    public List<DownloadProgress.Transfer> transfers(String keyPrefix) {
        return transfers.stream().filter(transfer -> transfer.key().startsWith(keyPrefix)).toList();
    }
}
