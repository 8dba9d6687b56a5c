package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.ArtifactState;
import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.sync.ChannelProperties;
import dev.flatcarmirror.sync.MirrorProperties;
import dev.flatcarmirror.web.ChannelLookup;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The JSON directory listings. They show only what the file server serves: published releases
 * and their verified files with signatures, each with the size and time the file server answers with.
 */
@Component
class DirectoryListings {

    private final MirrorProperties properties;
    private final ChannelLookup lookup;
    private final MirrorState state;

    DirectoryListings(MirrorProperties properties, ChannelLookup lookup, MirrorState state) {
        this.properties = properties;
        this.lookup = lookup;
        this.state = state;
    }

    List<ListingEntry> root() {
        return properties.channels().stream()
                .map(channel -> ListingEntry.directory(channel.name(), "/" + channel.name() + "/",
                        state.boardStatuses(channel.name()).stream().map(BoardStatus::publishedAt).filter(Objects::nonNull)
                                .max(Comparator.naturalOrder()).orElse(null)))
                .toList();
    }

    List<ListingEntry> channel(String name) {
        ChannelProperties channel = lookup.channel(name);
        List<BoardStatus> statuses = state.boardStatuses(name);
        return channel.boards().stream()
                .map(board -> ListingEntry.directory(board, PageViews.boardUrl(name, board), statuses.stream()
                        .filter(status -> status.board().equals(board)).findFirst().map(BoardStatus::publishedAt).orElse(null)))
                .toList();
    }

    /** {@code current} first, as a directory of its own as upstream has it, then published versions newest first. */
    List<ListingEntry> board(String name, String board) {
        lookup.channelWithBoard(name, board);
        String boardUrl = PageViews.boardUrl(name, board);
        List<ListingEntry> entries = new ArrayList<>();
        state.current(name, board).ifPresent(current ->
                entries.add(ListingEntry.directory("current", boardUrl + "current/", current.publishedAt())));
        state.releases(name, board).stream()
                .filter(release -> release.state() == ReleaseState.PUBLISHED)
                .map(release -> ListingEntry.directory(release.version(), boardUrl + release.version() + "/", release.publishedAt()))
                .forEach(entries::add);
        return entries;
    }

    List<ListingEntry> version(String name, String board, String version) {
        lookup.channelWithBoard(name, board);
        ReleaseView release = state.release(name, board, version)
                .filter(candidate -> candidate.state() == ReleaseState.PUBLISHED)
                .orElseThrow(() -> PageViews.unknownRelease(name, board, version));
        return files(release, PageViews.boardUrl(name, board) + version + "/");
    }

    /** The current release's files under {@code current/}, where the file server redirects them to their version. */
    List<ListingEntry> current(String name, String board) {
        lookup.channelWithBoard(name, board);
        ReleaseView release = state.current(name, board).orElseThrow(() -> PageViews.unknownRelease(name, board, "current"));
        return files(release, PageViews.boardUrl(name, board) + "current/");
    }

    private List<ListingEntry> files(ReleaseView release, String urlPrefix) {
        List<ListingEntry> entries = new ArrayList<>();
        for (ArtifactView artifact : release.artifacts()) {
            if (artifact.state() != ArtifactState.VERIFIED) {
                continue;
            }
            for (String fileName : List.of(artifact.name(), artifact.name() + ".sig")) {
                stored(release, fileName).ifPresent(file -> entries.add(ListingEntry.file(fileName, file.size(),
                        urlPrefix + fileName, file.lastModified().truncatedTo(ChronoUnit.SECONDS))));
            }
        }
        return entries;
    }

    private Optional<StoredFile> stored(ReleaseView release, String fileName) {
        // One query per file: ArtifactView does not carry the signature's size (a query returning a release's stored files at once would do).
        return state.publishedFile(release.channel(), release.board(), release.version(), fileName);
    }
}
