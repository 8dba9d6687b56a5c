package dev.flatcarmirror.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's read side, for the HTTP interface: views only, never entities. */
@Service
@Transactional(readOnly = true)
public class CatalogQueries {

    private final ChannelBoardRepository boards;
    private final ReleaseRepository releases;
    private final SyncEventRepository events;

    CatalogQueries(ChannelBoardRepository boards, ReleaseRepository releases, SyncEventRepository events) {
        this.boards = boards;
        this.releases = releases;
        this.events = events;
    }

    /** The channel's sync history, newest first. */
    public List<SyncEventView> history(String channel, int limit) {
        return events.findByChannelOrderByOccurredAtDescIdDesc(channel, PageRequest.of(0, limit)).stream()
                .map(SyncEvent::view).toList();
    }

    public List<BoardStatus> boardStatuses(String channel) {
        return boards.findByChannelNameOrderByBoard(channel).stream().map(ChannelBoard::status).toList();
    }

    public Optional<ReleaseView> current(String channel, String board) {
        return boards.findByChannelNameAndBoard(channel, board)
                .map(ChannelBoard::currentRelease)
                .map(release -> view(release, true));
    }

    /** Newest first. */
    public List<ReleaseView> releases(String channel, String board) {
        String current = currentVersion(channel, board);
        return releases.findByChannelNameAndBoard(channel, board).stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .sorted(Comparator.comparing(Release::version, Catalog.VERSION_ORDER).reversed())
                .map(release -> view(release, release.version().equals(current)))
                .toList();
    }

    public Optional<ReleaseView> release(String channel, String board, String version) {
        String current = currentVersion(channel, board);
        return releases.findByChannelNameAndBoardAndVersion(channel, board, version)
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .map(release -> view(release, release.version().equals(current)));
    }

    /**
     * A verified file of a published release, or its {@code .sig}, as the file server needs it.
     * Files of releases that are still being mirrored or that failed are never served.
     */
    public Optional<StoredFile> publishedFile(String channel, String board, String version, String fileName) {
        Optional<Release> release = releases.findByChannelNameAndBoardAndVersion(channel, board, version)
                .filter(candidate -> candidate.state() == ReleaseState.PUBLISHED);
        if (release.isEmpty()) {
            return Optional.empty();
        }
        boolean signature = fileName.endsWith(".sig");
        String artifactName = signature ? fileName.substring(0, fileName.length() - ".sig".length()) : fileName;
        return release.get().artifact(artifactName)
                .filter(artifact -> artifact.state() == ArtifactState.VERIFIED)
                .map(artifact -> signature ? artifact.storedSignature() : artifact.storedFile());
    }

    private String currentVersion(String channel, String board) {
        return boards.findByChannelNameAndBoard(channel, board)
                .map(ChannelBoard::currentRelease)
                .map(Release::version)
                .orElse(null);
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
