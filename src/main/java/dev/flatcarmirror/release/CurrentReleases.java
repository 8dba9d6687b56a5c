package dev.flatcarmirror.release;

import dev.flatcarmirror.catalog.CachedAnswers;
import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelBoards;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The one answer to "what does channel X serve for board B": for a mirrored channel the catalog's current release;
 * for an internal one the pin, else what the policy made current, always a published release of the followed
 * channel, shown under the internal channel's name and served from the followed channel's stored objects.
 * An internal channel serves only the followed channel's published releases. Names are looked up by the callers
 * ({@link ServedChannels}, with its 404s); here an unknown name simply has nothing.
 *
 * <p>No transaction and no query on a steady request: a mirrored channel's answers are the catalog's cached ones,
 * and an internal board's stored state and promotions are kept in {@link CachedAnswers}, dropped whenever
 * {@link ReleaseControl} (or anything else) records a catalog change.
 */
@Service
public class CurrentReleases {

    private final ServedChannels channels;
    private final ChannelBoards mirroredBoards;
    private final CatalogQueries catalog;
    private final InternalBoardRepository boards;
    private final PromotionRepository promotions;
    private final CachedAnswers answers;
    private final Clock clock;

    CurrentReleases(ServedChannels channels, ChannelBoards mirroredBoards, CatalogQueries catalog, InternalBoardRepository boards,
                    PromotionRepository promotions, CachedAnswers answers, Clock clock) {
        this.channels = channels;
        this.mirroredBoards = mirroredBoards;
        this.catalog = catalog;
        this.boards = boards;
        this.promotions = promotions;
        this.answers = answers;
        this.clock = clock;
    }

    public Optional<ReleaseView> current(String channel, String board) {
        Optional<InternalChannel> internal = channels.internalChannel(channel);
        if (internal.isEmpty()) {
            return catalog.current(channel, board);
        }
        return Optional.ofNullable(control(channel, board).served())
                .flatMap(version -> catalog.release(internal.get().followed().name(), board, version))
                .filter(ReleaseView::isPublished)
                .map(release -> as(channel, release, true));
    }

    /** Newest first; an internal channel lists the followed channel's published releases. */
    public List<ReleaseView> releases(String channel, String board) {
        Optional<InternalChannel> internal = channels.internalChannel(channel);
        if (internal.isEmpty()) {
            return catalog.releases(channel, board);
        }
        String served = control(channel, board).served();
        return catalog.releases(internal.get().followed().name(), board).stream().filter(ReleaseView::isPublished)
                .map(release -> as(channel, release, release.version().equals(served)))
                .toList();
    }

    public Optional<ReleaseView> release(String channel, String board, String version) {
        Optional<InternalChannel> internal = channels.internalChannel(channel);
        if (internal.isEmpty()) {
            return catalog.release(channel, board, version);
        }
        String served = control(channel, board).served();
        return catalog.release(internal.get().followed().name(), board, version).filter(ReleaseView::isPublished)
                .map(release -> as(channel, release, release.version().equals(served)));
    }

    /** A verified file of a published release; for an internal channel the followed channel's very object. */
    public Optional<StoredFile> publishedFile(String channel, String board, String version, String fileName) {
        String source = channels.internalChannel(channel).map(internal -> internal.followed().name()).orElse(channel);
        return catalog.publishedFile(source, board, version, fileName);
    }

    /**
     * The channel's boards as the API and pages show them. An internal board's status is the followed board's (its
     * polls, its freshness) with the internal channel's current version.
     */
    public List<BoardView> boards(String channel) {
        Optional<InternalChannel> internal = channels.internalChannel(channel);
        if (internal.isEmpty()) {
            return mirroredBoards.of(channels.channel(channel));
        }
        List<BoardView> followed = mirroredBoards.of(internal.get().followed());
        return internal.get().boards().stream().map(board -> {
            BoardView source = followed.stream().filter(view -> view.board().equals(board)).findFirst().orElseThrow();
            Optional<ReleaseView> current = current(channel, board);
            return source.servedAs(internal.get().asChannel(), current.map(ReleaseView::version).orElse(null),
                    current.map(ReleaseView::publishedAt).orElse(null));
        }).toList();
    }

    /** Why an internal channel's board serves what it does; empty for a mirrored channel. */
    public Optional<ChannelPolicy> policy(String channel, String board) {
        return channels.internalChannel(channel).map(internal -> {
            BoardControl control = control(channel, board);
            Set<String> promoted = internal.approval() ? promoted(channel, board) : Set.of();
            SoakPolicy.Decision decision = SoakPolicy.decide(internal, control, catalog.releases(internal.followed().name(), board),
                    promoted, clock.instant());
            return ChannelPolicy.of(internal, control, decision);
        });
    }

    /**
     * The versions of a mirrored channel's board that some internal channel serves, has pinned, or is soaking:
     * retention must keep them.
     */
    public Set<String> inUse(String mirroredChannel, String board) {
        return channels.following(mirroredChannel).stream().filter(internal -> internal.boards().contains(board))
                .flatMap(internal -> {
                    BoardControl control = control(internal.name(), board);
                    ChannelPolicy policy = policy(internal.name(), board).orElseThrow();
                    return java.util.stream.Stream.of(control.currentVersion(), control.served(), policy.candidate());
                })
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** The stored control state of an internal board; untouched boards have none yet. */
    public BoardControl control(String channel, String board) {
        return answers.get("release-control", channel, board, () -> boards.findByChannelAndBoard(channel, board)
                .map(InternalBoard::view).orElseGet(() -> BoardControl.none(channel, board)));
    }

    private Set<String> promoted(String channel, String board) {
        return answers.get("promotions", channel, board, () -> promotions.findByChannelAndBoard(channel, board).stream()
                .map(Promotion::version).collect(Collectors.toUnmodifiableSet()));
    }

    private static ReleaseView as(String channel, ReleaseView release, boolean current) {
        return new ReleaseView(channel, release.board(), release.version(), release.state(), current, release.discoveredAt(),
                release.publishedAt(), release.failureReason(), release.failureDetail(), release.versionTxt(), release.artifacts());
    }
}
