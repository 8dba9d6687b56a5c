package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.channel.Streams;
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

    private final ServedChannels lookup;
    private final MirrorState state;

    DirectoryListings(ServedChannels lookup, MirrorState state) {
        this.lookup = lookup;
        this.state = state;
    }

    List<ListingEntry> root() {
        return lookup.all().stream()
                .map(channel -> ListingEntry.directory(channel.name(), MirrorPaths.channel(channel.name()),
                        state.boards(channel).stream().map(BoardView::status).map(BoardStatus::publishedAt).filter(Objects::nonNull)
                                .max(Comparator.naturalOrder()).orElse(null)))
                .toList();
    }

    List<ListingEntry> channel(String name) {
        ChannelProperties channel = lookup.channel(name);
        return state.boards(channel).stream()
                .map(view -> ListingEntry.directory(view.board(), MirrorPaths.board(name, view.board()), view.status().publishedAt()))
                .toList();
    }

    /**
     * {@code current} first, as a directory of its own as upstream has it, then the other streams (LTS's
     * {@code current-YYYY}) by name, then published versions newest first.
     */
    List<ListingEntry> board(String name, String board) {
        lookup.channelWithBoard(name, board);
        List<ListingEntry> entries = new ArrayList<>();
        state.current(name, board).ifPresent(current -> entries.add(ListingEntry.directory(MirrorPaths.CURRENT,
                MirrorPaths.version(name, board, MirrorPaths.CURRENT), current.publishedAt())));
        state.streamCurrents(name, board).forEach((stream, current) -> entries.add(ListingEntry.directory(stream,
                MirrorPaths.version(name, board, stream), current.publishedAt())));
        state.releases(name, board).stream()
                .filter(ReleaseView::isPublished)
                .map(release -> ListingEntry.directory(release.version(), MirrorPaths.version(name, board, release.version()),
                        release.publishedAt()))
                .forEach(entries::add);
        return entries;
    }

    List<ListingEntry> version(String name, String board, String version) {
        lookup.channelWithBoard(name, board);
        if (Streams.isYearly(version)) {
            return stream(name, board, version);
        }
        ReleaseView release = state.release(name, board, version)
                .filter(ReleaseView::isPublished)
                .orElseThrow(() -> NotFoundException.unknownRelease(name, board, version));
        return files(release, MirrorPaths.version(name, board, version));
    }

    /** The current release's files under {@code current/}, where the file server redirects them to their version. */
    List<ListingEntry> current(String name, String board) {
        lookup.channelWithBoard(name, board);
        ReleaseView release = state.current(name, board)
                .orElseThrow(() -> NotFoundException.unknownRelease(name, board, MirrorPaths.CURRENT));
        return files(release, MirrorPaths.version(name, board, MirrorPaths.CURRENT));
    }

    /** As {@link #current}, for a stream such as {@code current-2024}. */
    private List<ListingEntry> stream(String name, String board, String stream) {
        ReleaseView release = Optional.ofNullable(state.streamCurrents(name, board).get(stream))
                .orElseThrow(() -> NotFoundException.unknownRelease(name, board, stream));
        return files(release, MirrorPaths.version(name, board, stream));
    }

    private List<ListingEntry> files(ReleaseView release, String urlPrefix) {
        List<ListingEntry> entries = new ArrayList<>();
        for (ArtifactView artifact : release.verifiedArtifacts()) {
            for (String fileName : List.of(artifact.name(), artifact.name() + MirrorPaths.SIGNATURE_SUFFIX)) {
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
