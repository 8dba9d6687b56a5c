package dev.flatcarmirror.catalog;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Comparator;

/**
 * A stream of a board other than {@code current/} (LTS's {@code current-YYYY}): its own pointer, current release and poll
 * state, exactly as {@link ChannelBoard} keeps them for {@code current/}. Its releases are the board's.
 */
@Entity
@Table(name = "board_stream")
class BoardStream {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_board_id")
    private ChannelBoard channelBoard;

    private String stream;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "current_release_id")
    private Release currentRelease;

    private boolean supported;

    private Instant unsupportedSince;

    /** Null when Hibernate loads a row whose poll columns are all null (a board not polled yet): see {@link #polls()}. */
    @Embedded
    private PollState polls = new PollState();

    protected BoardStream() {
    }

    BoardStream(ChannelBoard channelBoard, String stream) {
        if (BoardStreams.CURRENT.equals(stream)) {
            throw new IllegalArgumentException("current/ is the board's own pointer, not a stream row");
        }
        this.channelBoard = channelBoard;
        this.stream = stream;
        this.supported = true;
    }

    /**
     * Moves forward only, within this stream: an older release never replaces its newer current one (another stream may
     * well be newer or older; that is no concern here). Only a published release of this board.
     */
    boolean moveCurrentTo(Release release, Comparator<String> versionOrder) {
        channelBoard.requirePublishedHere(release, toString());
        if (!ChannelBoard.isNewer(release, currentRelease, versionOrder)) {
            return false;
        }
        currentRelease = release;
        return true;
    }

    /** lts-info (or the configuration) no longer lists it: no longer polled, its current release still served. */
    void markUnsupported(Instant at) {
        if (supported) {
            supported = false;
            unsupportedSince = at;
        }
    }

    /** Listed again: polled again. */
    void markSupported() {
        supported = true;
        unsupportedSince = null;
    }

    String stream() {
        return stream;
    }

    boolean isSupported() {
        return supported;
    }

    Release currentRelease() {
        return currentRelease;
    }

    StreamStatus status() {
        return new StreamStatus(stream, supported, unsupportedSince, polls().status(channelBoard.board(), currentRelease));
    }

    /** Its pointer's validators and the last polls' outcome. */
    PollState polls() {
        if (polls == null) {
            polls = new PollState();
        }
        return polls;
    }

    @Override
    public String toString() {
        return channelBoard.channel().name() + "/" + channelBoard.board() + "/" + stream;
    }
}
