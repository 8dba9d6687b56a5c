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
import java.util.Comparator;

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
    boolean moveCurrentTo(Release release, Comparator<String> versionOrder) {
        requirePublishedHere(release, channel.name() + "/" + board);
        if (!isNewer(release, currentRelease, versionOrder)) {
            return false;
        }
        currentRelease = release;
        return true;
    }

    /** Refuses, as current of {@code pointer} (this board's current/ or one of its streams), a release that is not its. */
    void requirePublishedHere(Release release, String pointer) {
        if (release.state() != ReleaseState.PUBLISHED || !release.board().equals(board)
                || !release.channel().name().equals(channel.name())) {
            throw new IllegalStateException("release " + release + " (" + release.state() + ") cannot become current of " + pointer);
        }
    }

    /** The rule every pointer of a board moves by: forward only. */
    static boolean isNewer(Release release, Release current, Comparator<String> versionOrder) {
        return current == null || versionOrder.compare(release.version(), current.version()) > 0;
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

    BoardStatus status() {
        return polls().status(board, currentRelease);
    }

    /** Its pointer's validators and the last polls' outcome. */
    PollState polls() {
        if (polls == null) {
            polls = new PollState();
        }
        return polls;
    }
}
