package dev.flatcarmirror.web.files;

import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sends a range of a stored object as an answer's body. From a store that keeps the object as a local file, and on a
 * connector that can, the body goes from the file to the socket in the kernel (Tomcat's NIO sendfile, asked for with
 * its {@code org.apache.tomcat.sendfile.*} request attributes once the servlet returns): the bytes never enter the
 * heap. Otherwise (a bucket, TLS on the connector, several ranges) it is streamed through a large buffer, so each
 * write reaches the socket in big pieces rather than Tomcat's 8 KiB.
 * Small bodies are always streamed: for a few hundred bytes a sendfile (an open, a poller round trip) costs more.
 */
final class BodySender {

    /** Set by Tomcat when its connector does sendfile (NIO without TLS). */
    static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    /** Exclusive. */
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    /** Tomcat's own DefaultServlet sends files from this size on with sendfile. */
    static final long SENDFILE_FROM = 48 * 1024;
    static final int BUFFER = 256 * 1024;

    /** A body, checked and opened before the status is committed, written after. */
    @FunctionalInterface
    interface Body {
        void send(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final ObjectStore store;

    BodySender(ObjectStore store) {
        this.store = store;
    }

    /**
     * Checks the object holds the range (a missing or short object throws here, while a clean 500 is still possible)
     * and returns how it will be sent.
     */
    Body open(ObjectKey key, long offset, long length, HttpServletRequest request) throws IOException {
        if (length >= SENDFILE_FROM && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            Optional<Path> file = store.localFile(key, offset, length);
            if (file.isPresent()) {
                String path = file.get().toString();
                return (answered, response) -> {
                    answered.setAttribute(SENDFILE_FILENAME, path);
                    answered.setAttribute(SENDFILE_START, offset);
                    answered.setAttribute(SENDFILE_END, offset + length);
                };
            }
        }
        InputStream in = store.read(key, offset, length);
        return (answered, response) -> copy(in, response.getOutputStream(), length);
    }

    /** Streams a range, for the parts of a multipart answer. */
    void stream(ObjectKey key, long offset, long length, OutputStream out) throws IOException {
        copy(store.read(key, offset, length), out, length);
    }

    static void copy(InputStream body, OutputStream out, long length) throws IOException {
        try (InputStream in = body) {
            byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER, length))];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }
}
