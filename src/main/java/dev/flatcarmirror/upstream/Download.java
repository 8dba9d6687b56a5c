package dev.flatcarmirror.upstream;

import java.io.IOException;
import java.io.InputStream;

/**
 * An artifact being received; its body fails past the size limit, below the minimum rate, after
 * the deadline, or when it ends short of its announced length.
 *
 * @see UpstreamClient#download
 */
public final class Download implements AutoCloseable {

    private final InputStream body;
    private final long offset;
    private final long contentLength;
    private final String validator;
    private final RequestDeadline deadline;

    Download(InputStream body, long offset, long contentLength, String validator, RequestDeadline deadline) {
        this.body = body;
        this.offset = offset;
        this.contentLength = contentLength;
        this.validator = validator;
        this.deadline = deadline;
    }

    public InputStream body() {
        return body;
    }

    /** Where the body starts in the file: 0, or the resume position when upstream honoured the range. */
    public long offset() {
        return offset;
    }

    /** Bytes this response announces, or -1; informative only, limits count bytes actually read. */
    public long contentLength() {
        return contentLength;
    }

    /** The ETag (or else Last-Modified) to resume this same file with {@code If-Range}; may be null. */
    public String validator() {
        return validator;
    }

    @Override
    public void close() throws IOException {
        deadline.close();
        body.close();
    }
}
