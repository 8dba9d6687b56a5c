package dev.flatcarmirror.catalog;

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

    private String pointerEtag;

    private String pointerLastModified;

    private Instant lastCheckedAt;

    private Instant lastSuccessAt;

    private String lastErrorReason;

    private String lastErrorDetail;

    private Instant lastErrorAt;

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
        if (release.state() != ReleaseState.PUBLISHED || !release.board().equals(channelBoard.board())
                || !release.channel().name().equals(channelBoard.channel().name())) {
            throw new IllegalStateException("release " + release + " (" + release.state() + ") cannot become current of "
                    + this);
        }
        if (currentRelease != null && versionOrder.compare(release.version(), currentRelease.version()) <= 0) {
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

    /** As {@link ChannelBoard#rememberPointer}: validators too long for their column are dropped. */
    void rememberPointer(String etag, String lastModified) {
        pointerEtag = etag == null || etag.length() > ChannelBoard.MAX_ETAG ? null : etag;
        pointerLastModified = lastModified == null || lastModified.length() > ChannelBoard.MAX_LAST_MODIFIED ? null : lastModified;
    }

    void pollSucceeded(Instant at) {
        lastCheckedAt = at;
        lastSuccessAt = at;
        lastErrorReason = null;
        lastErrorDetail = null;
        lastErrorAt = null;
    }

    void pollFailed(String reason, String detail, Instant at) {
        lastCheckedAt = at;
        lastErrorReason = reason;
        lastErrorDetail = Text.clip(detail);
        lastErrorAt = at;
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

    String pointerEtag() {
        return pointerEtag;
    }

    String pointerLastModified() {
        return pointerLastModified;
    }

    StreamStatus status() {
        SyncError error = lastErrorReason == null ? null : new SyncError(lastErrorReason, lastErrorDetail, lastErrorAt);
        BoardStatus board = new BoardStatus(channelBoard.board(), currentRelease == null ? null : currentRelease.version(),
                currentRelease == null ? null : currentRelease.publishedAt(), lastCheckedAt, lastSuccessAt, error);
        return new StreamStatus(stream, supported, unsupportedSince, board);
    }

    @Override
    public String toString() {
        return channelBoard.channel().name() + "/" + channelBoard.board() + "/" + stream;
    }
}
