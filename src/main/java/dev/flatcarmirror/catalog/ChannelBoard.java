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

/** The state of one board of a channel: its current release and how its last polls went. */
@Entity
@Table(name = "channel_board")
class ChannelBoard {

    /** The columns' sizes (V1__catalog.sql). */
    static final int MAX_ETAG = 512;
    static final int MAX_LAST_MODIFIED = 64;

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

    private String pointerEtag;

    private String pointerLastModified;

    private Instant lastCheckedAt;

    private Instant lastSuccessAt;

    private String lastErrorReason;

    private String lastErrorDetail;

    private Instant lastErrorAt;

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

    /**
     * Keeps the pointer's validators for the next conditional request. They come from upstream: one too long for its
     * column is dropped (the next poll then asks unconditionally) rather than allowed to fail the publish.
     */
    void rememberPointer(String etag, String lastModified) {
        pointerEtag = etag == null || etag.length() > MAX_ETAG ? null : etag;
        pointerLastModified = lastModified == null || lastModified.length() > MAX_LAST_MODIFIED ? null : lastModified;
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
        return pointerEtag;
    }

    String pointerLastModified() {
        return pointerLastModified;
    }

    BoardStatus status() {
        SyncError error = lastErrorReason == null ? null : new SyncError(lastErrorReason, lastErrorDetail, lastErrorAt);
        return new BoardStatus(board, currentRelease == null ? null : currentRelease.version(),
                currentRelease == null ? null : currentRelease.publishedAt(), lastCheckedAt, lastSuccessAt, error);
    }
}
