package dev.flatcarmirror.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's read side as the database answers it, each method one read-only transaction; {@link CatalogQueries} caches it. */
@Service
@Transactional(readOnly = true)
class CatalogReads {

    private final ChannelBoardRepository boards;
    private final ReleaseRepository releases;
    private final SyncEventRepository events;

    CatalogReads(ChannelBoardRepository boards, ReleaseRepository releases, SyncEventRepository events) {
        this.boards = boards;
        this.releases = releases;
        this.events = events;
    }

    List<SyncEventView> history(String channel, int limit) {
        return events.findByChannelOrderByOccurredAtDescIdDesc(channel, PageRequest.of(0, limit)).stream()
                .map(SyncEvent::view).toList();
    }

    List<BoardStatus> boardStatuses(String channel) {
        return boards.findByChannelNameOrderByBoard(channel).stream().map(ChannelBoard::status).toList();
    }

    Optional<ReleaseView> current(String channel, String board) {
        return boards.findByChannelNameAndBoard(channel, board)
                .map(ChannelBoard::currentRelease)
                .map(release -> view(release, true));
    }

    /** Newest first, pruned ones left out. */
    List<ReleaseView> releases(String channel, String board) {
        String current = boards.findByChannelNameAndBoard(channel, board)
                .map(ChannelBoard::currentRelease)
                .map(Release::version)
                .orElse(null);
        return releases.findByChannelNameAndBoard(channel, board).stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .sorted(Comparator.comparing(Release::version, Catalog.VERSION_ORDER).reversed())
                .map(release -> view(release, release.version().equals(current)))
                .toList();
    }

    /** The verified files of the board's published releases, and their signatures, in one query. */
    PublishedFiles publishedFiles(String channel, String board) {
        Map<String, Map<String, StoredFile>> byVersion = new HashMap<>();
        for (Release release : releases.findWithArtifactsByState(channel, board, ReleaseState.PUBLISHED)) {
            Map<String, StoredFile> files = new HashMap<>();
            for (Artifact artifact : release.artifacts()) {
                if (artifact.state() == ArtifactState.VERIFIED) {
                    files.put(artifact.name(), artifact.storedFile());
                    files.put(artifact.name() + PublishedFiles.SIGNATURE_SUFFIX, artifact.storedSignature());
                }
            }
            byVersion.put(release.version(), Map.copyOf(files));
        }
        return new PublishedFiles(byVersion);
    }

    static ReleaseView view(Release release, boolean current) {
        return new ReleaseView(release.channel().name(), release.board(), release.version(), release.state(), current,
                release.discoveredAt(), release.publishedAt(), release.failureReason(), release.failureDetail(),
                parse(release.versionTxt()), release.artifacts().stream().map(Artifact::view).toList());
    }

    private static Map<String, String> parse(String versionTxt) {
        try {
            return VersionTxt.parse(versionTxt.getBytes(StandardCharsets.UTF_8)).values();
        } catch (MalformedVersionTxtException e) {
            // It was parsed before it was stored; reaching this means the row was edited by hand.
            throw new IllegalStateException("stored version.txt no longer parses: " + e.getMessage(), e);
        }
    }
}
