package dev.flatcarmirror.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;

/** An artifact being received; its body stops with an error past the size limit or the deadline. */
public final class Download implements AutoCloseable {

    private final InputStream body;
    private final long contentLength;
    private final ScheduledFuture<?> deadline;

    Download(InputStream body, long contentLength, ScheduledFuture<?> deadline) {
        this.body = body;
        this.contentLength = contentLength;
        this.deadline = deadline;
    }

    public InputStream body() {
        return body;
    }

    /** As announced by upstream, or -1; informative only, limits count bytes actually read. */
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void close() throws IOException {
        deadline.cancel(false);
        body.close();
    }
}
