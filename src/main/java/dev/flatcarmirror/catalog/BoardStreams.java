package dev.flatcarmirror.catalog;

import dev.flatcarmirror.OutcomeCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's side of a board's streams: which ones are followed, and each stream's pointer with the same steps
 * {@link Catalog} has for {@code current/} (to which every call naming {@link #CURRENT} goes, unchanged). A stream's
 * release is published and made the stream's current in one transaction, like {@link Catalog#publish}; the rollback
 * guard is per stream ({@link BoardStream#moveCurrentTo}). The read side is {@link StreamQueries}.
 */
@Service
@Transactional
public class BoardStreams {

    public static final String CURRENT = "current";

    private final Catalog catalog;
    private final ChannelBoardRepository boards;
    private final BoardStreamRepository streams;
    private final ReleaseRepository releases;
    private final SyncEventRepository events;
    private final ApplicationEventPublisher publisher;
    private final CatalogChanges changes;
    private final Clock clock;

    BoardStreams(Catalog catalog, ChannelBoardRepository boards, BoardStreamRepository streams, ReleaseRepository releases,
                 SyncEventRepository events, ApplicationEventPublisher publisher, CatalogChanges changes, Clock clock) {
        this.catalog = catalog;
        this.boards = boards;
        this.streams = streams;
        this.releases = releases;
        this.events = events;
        this.publisher = publisher;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Follows exactly these streams of the board (besides {@code current/}): new ones are registered, ones no longer
     * listed are marked unsupported and kept, with their current release.
     *
     * @return the streams to poll now, in name order
     */
    public List<String> follow(String channel, String board, Collection<String> listed) {
        ChannelBoard owner = board(channel, board);
        List<BoardStream> known = streams.findByChannelBoardChannelNameAndChannelBoardBoardOrderByStream(channel, board);
        Instant now = clock.instant();
        for (BoardStream stream : known) {
            if (listed.contains(stream.stream())) {
                stream.markSupported();
            } else {
                stream.markUnsupported(now);
            }
        }
        listed.stream().filter(name -> !CURRENT.equals(name))
                .filter(name -> known.stream().noneMatch(stream -> stream.stream().equals(name)))
                .forEach(name -> streams.save(new BoardStream(owner, name)));
        changes.record("followed streams of " + channel + "/" + board);
        return supported(channel, board);
    }

    /** The streams polled, as last decided by {@link #follow}: what a poll uses when lts-info cannot be read. */
    @Transactional(readOnly = true)
    public List<String> supported(String channel, String board) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardOrderByStream(channel, board).stream()
                .filter(BoardStream::isSupported).map(BoardStream::stream).sorted().toList();
    }

    @Transactional(readOnly = true)
    public Catalog.Pointer pointer(String channel, String board, String stream) {
        if (CURRENT.equals(stream)) {
            return catalog.pointer(channel, board);
        }
        BoardStream state = stream(channel, board, stream);
        return state.polls().pointer(state.currentRelease());
    }

    public void pollSucceeded(String channel, String board, String stream, String pointerEtag, String pointerLastModified) {
        if (CURRENT.equals(stream)) {
            catalog.pollSucceeded(channel, board, pointerEtag, pointerLastModified);
            return;
        }
        stream(channel, board, stream).polls().pollSucceeded(pointerEtag, pointerLastModified, clock.instant());
        changes.record("polled " + channel + "/" + board + "/" + stream);
    }

    public void pollFailed(String channel, String board, String stream, String file, SyncEventKind kind, OutcomeCode reason,
                           String detail) {
        if (CURRENT.equals(stream)) {
            catalog.pollFailed(channel, board, file, kind, reason, detail);
            return;
        }
        Instant now = clock.instant();
        stream(channel, board, stream).polls().pollFailed(reason.code(), detail, now);
        events.save(new SyncEvent(new SyncEventView(channel, board, null, file, kind, reason.code(), about(stream, detail), now)));
        changes.record("poll failed " + channel + "/" + board + "/" + stream);
    }

    /**
     * As {@link Catalog#publish}, for the stream: the release is published if it is not yet (another stream may have
     * published it already) and becomes the stream's current one if it is newer, together.
     */
    public boolean publish(long releaseId, String stream, String pointerEtag, String pointerLastModified) {
        if (CURRENT.equals(stream)) {
            return catalog.publish(releaseId, pointerEtag, pointerLastModified);
        }
        Release release = release(releaseId);
        Instant now = clock.instant();
        if (release.state() != ReleaseState.PUBLISHED) {
            release.markPublished(now);
        }
        BoardStream state = stream(release.channel().name(), release.board(), stream);
        boolean moved = state.moveCurrentTo(release, Catalog.VERSION_ORDER);
        state.polls().rememberPointer(pointerEtag, pointerLastModified);
        state.polls().pollSucceeded(now);
        events.save(new SyncEvent(new SyncEventView(release.channel().name(), release.board(), release.version(), null,
                SyncEventKind.PUBLISHED, null, about(stream, moved ? "now current" : "published, a newer release stays current"), now)));
        // Not the board's current/ that moved: listeners that care about current/ see current = false.
        publisher.publishEvent(new ReleasePublished(release.channel().name(), release.board(), release.version(), false));
        changes.record("published " + release + " in " + stream);
        return moved;
    }

    public void releaseFailed(long releaseId, String stream, String file, OutcomeCode reason, String detail) {
        if (CURRENT.equals(stream)) {
            catalog.releaseFailed(releaseId, file, reason, detail);
            return;
        }
        Release release = release(releaseId);
        release.markFailed(reason.code(), detail);
        Instant now = clock.instant();
        stream(release.channel().name(), release.board(), stream).polls().pollFailed(reason.code(), detail, now);
        events.save(new SyncEvent(new SyncEventView(release.channel().name(), release.board(), release.version(), file,
                SyncEventKind.FAILED, reason.code(), about(stream, detail), now)));
        changes.record("failed " + release + " in " + stream);
    }

    /** The history is the channel's; a stream's entries say which stream they are about. */
    private static String about(String stream, String detail) {
        return "stream " + stream + ": " + detail;
    }

    private ChannelBoard board(String channel, String board) {
        return boards.findByChannelNameAndBoard(channel, board)
                .orElseThrow(() -> new IllegalStateException("channel " + channel + " board " + board + " is not registered"));
    }

    private BoardStream stream(String channel, String board, String stream) {
        return streams.findByChannelBoardChannelNameAndChannelBoardBoardAndStream(channel, board, stream)
                .orElseThrow(() -> new IllegalStateException("stream " + channel + "/" + board + "/" + stream + " is not followed"));
    }

    private Release release(long id) {
        return releases.findById(id).orElseThrow(() -> new IllegalStateException("no release " + id));
    }
}
