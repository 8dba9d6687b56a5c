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

/** The state of one board of a channel: its current release and how its last polls went. */
@Entity
@Table(name = "channel_board")
class ChannelBoard {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id")
    private Channel channel;

    private String board;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "current_release_id")
    private Release currentRelease;

    /** Null when Hibernate loads a row whose poll columns are all null (a board not polled yet): see {@link #polls()}. */
    @Embedded
    private PollState polls = new PollState();

    protected ChannelBoard() {
    }

    ChannelBoard(Channel channel, String board) {
        this.channel = channel;
        this.board = board;
    }

    /** Moves forward only: an older release never replaces a newer current one; only a published release of this board. */
    boolean moveCurrentTo(Release release, java.util.Comparator<String> versionOrder) {
        if (release.state() != ReleaseState.PUBLISHED || !release.board().equals(board)
                || !release.channel().name().equals(channel.name())) {
            throw new IllegalStateException("release " + release + " (" + release.state() + ") cannot become current of "
                    + channel.name() + "/" + board);
        }
        if (currentRelease != null && versionOrder.compare(release.version(), currentRelease.version()) <= 0) {
            return false;
        }
        currentRelease = release;
        return true;
    }

    /** See {@link PollState#rememberPointer}. */
    void rememberPointer(String etag, String lastModified) {
        polls().rememberPointer(etag, lastModified);
    }

    void pollSucceeded(Instant at) {
        polls().pollSucceeded(at);
    }

    void pollFailed(String reason, String detail, Instant at) {
        polls().pollFailed(reason, detail, at);
    }

    Channel channel() {
        return channel;
    }

    String board() {
        return board;
    }

    Release currentRelease() {
        return currentRelease;
    }

    String pointerEtag() {
        return polls().pointerEtag();
    }

    String pointerLastModified() {
        return polls().pointerLastModified();
    }

    BoardStatus status() {
        return polls().status(board, currentRelease);
    }

    private PollState polls() {
        if (polls == null) {
            polls = new PollState();
        }
        return polls;
    }
}
