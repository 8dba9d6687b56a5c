package dev.flatcarmirror.catalog;

import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * A pointer's poll state, the same for a board's {@code current/} ({@link ChannelBoard}) and for each of its other
 * streams ({@link BoardStream}): the validators for the next conditional request and how the last polls went.
 * Mapped onto the owner's own columns.
 */
@Embeddable
class PollState {

    /** The columns' sizes (V1__catalog.sql, V31 for streams). */
    static final int MAX_ETAG = 512;
    static final int MAX_LAST_MODIFIED = 64;

    private String pointerEtag;

    private String pointerLastModified;

    private Instant lastCheckedAt;

    private Instant lastSuccessAt;

    private String lastErrorReason;

    private String lastErrorDetail;

    private Instant lastErrorAt;

    /**
     * Keeps the pointer's validators for the next conditional request. They come from upstream: one too long for its
     * column is dropped (the next poll then asks unconditionally) rather than allowed to fail the publish.
     */
    void rememberPointer(String etag, String lastModified) {
        pointerEtag = etag == null || etag.length() > MAX_ETAG ? null : etag;
        pointerLastModified = lastModified == null || lastModified.length() > MAX_LAST_MODIFIED ? null : lastModified;
    }

    /** A poll that found nothing to do: the validators its answer carried, if any, are kept for the next request. */
    void pollSucceeded(String etag, String lastModified, Instant at) {
        if (etag != null || lastModified != null) {
            rememberPointer(etag, lastModified);
        }
        pollSucceeded(at);
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

    /** What the next poll of this pointer asks conditionally with, and the version it points at now. */
    Catalog.Pointer pointer(Release current) {
        return new Catalog.Pointer(pointerEtag, pointerLastModified, current == null ? null : current.version());
    }

    BoardStatus status(String board, Release current) {
        SyncError error = lastErrorReason == null ? null : new SyncError(lastErrorReason, lastErrorDetail, lastErrorAt);
        return new BoardStatus(board, current == null ? null : current.version(), current == null ? null : current.publishedAt(),
                lastCheckedAt, lastSuccessAt, error);
    }
}
