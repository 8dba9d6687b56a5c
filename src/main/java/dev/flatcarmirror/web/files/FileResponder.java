package dev.flatcarmirror.web.files;

import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.HttpStatus;

/**
 * Answers for one immutable stored file: validators, conditional requests, single and multiple
 * ranges. Everything but the body comes from the catalog, so HEAD, 304s and 416s never touch the store
 * (with S3 each would be a request). The body's object is opened before the status is committed: if the
 * store no longer holds it whole, the client gets a 500 rather than a short file, and the at-rest check
 * quarantines it and fetches it again. A GET of a large file may instead answer 302 to a presigned
 * URL ({@code mirror.storage.s3.redirect}); HEAD never is, because a URL presigned for GET refuses HEAD.
 * Full and single-range bodies of the file system store go out by sendfile ({@link BodySender}).
 */
@Component
class FileResponder {

    private static final Logger log = LoggerFactory.getLogger(FileResponder.class);
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final ObjectStore store;
    private final BodySender bodies;

    FileResponder(ObjectStore store) {
        this.store = store;
        this.bodies = new BodySender(store);
    }

    void respond(StoredFile file, String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ObjectKey key = new ObjectKey(file.storageKey());
        String etag = file.etag();
        Instant lastModified = file.lastModified().truncatedTo(ChronoUnit.SECONDS);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.LAST_MODIFIED, file.lastModifiedHeader());
        response.setHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (notModified(request, etag, lastModified)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        boolean head = "HEAD".equals(request.getMethod());
        String contentType = ContentTypes.of(name);
        if (!head) {
            Optional<URI> direct = store.directDownload(key, file.size(), contentType);
            if (direct.isPresent()) {
                // The URL expires within minutes: no cache may keep this answer.
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader(HttpHeaders.LOCATION, direct.get().toString());
                return;
            }
        }
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range == null || !ifRangeHolds(request.getHeader(HttpHeaders.IF_RANGE), etag, lastModified)) {
            BodySender.Body body = head ? null : open(key, 0, file.size(), request);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(contentType);
            response.setContentLengthLong(file.size());
            if (!head) {
                body.send(request, response);
            }
            return;
        }
        Optional<List<ByteRanges.Slice>> slices = ByteRanges.resolve(range, file.size());
        if (slices.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
            response.setContentLength(0);
            return;
        }
        ByteRanges.Slice first = slices.get().get(0);
        if (slices.get().size() == 1) {
            BodySender.Body body = head ? null : open(key, first.start(), first.length(), request);
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setContentType(contentType);
            response.setHeader(HttpHeaders.CONTENT_RANGE, contentRange(first, file.size()));
            response.setContentLengthLong(first.length());
            if (!head) {
                body.send(request, response);
            }
            return;
        }
        InputStream firstBody = head ? null : open(key, first.start(), first.length());
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        multipart(key, slices.get(), file.size(), contentType, firstBody, response);
    }

    /** @param firstBody the first range, already open; null for HEAD */
    private void multipart(ObjectKey key, List<ByteRanges.Slice> slices, long size, String contentType, InputStream firstBody,
                           HttpServletResponse response) throws IOException {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        long length = 0;
        for (ByteRanges.Slice slice : slices) {
            length += partHeader(boundary, contentType, slice, size).length + slice.length();
        }
        byte[] closing = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        length += closing.length;
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(length);
        if (firstBody == null) {
            return;
        }
        OutputStream out = response.getOutputStream();
        InputStream body = firstBody;
        for (ByteRanges.Slice slice : slices) {
            out.write(partHeader(boundary, contentType, slice, size));
            if (body == null) {
                bodies.stream(key, slice.start(), slice.length(), out);
            } else {
                BodySender.copy(body, out, slice.length());
            }
            body = null;
        }
        out.write(closing);
    }

    private static byte[] partHeader(String boundary, String contentType, ByteRanges.Slice slice, long size) {
        return ("\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: "
                + contentRange(slice, size) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String contentRange(ByteRanges.Slice slice, long size) {
        return "bytes " + slice.start() + "-" + slice.end() + "/" + size;
    }

    /** Opens the body before anything is committed, so that a missing or short object is still a clean 500. */
    private InputStream open(ObjectKey key, long offset, long length) throws IOException {
        try {
            return store.read(key, offset, length);
        } catch (IOException e) {
            throw notIntact(key, e);
        }
    }

    /** As {@link #open(ObjectKey, long, long)}, for a body that may go out by sendfile. */
    private BodySender.Body open(ObjectKey key, long offset, long length, HttpServletRequest request) throws IOException {
        try {
            return bodies.open(key, offset, length, request);
        } catch (IOException e) {
            throw notIntact(key, e);
        }
    }

    private static ErrorResponseException notIntact(ObjectKey key, IOException e) {
        log.error("Catalog lists {} but the object store does not hold it intact ({}); the at-rest check will quarantine "
                + "and fetch it again", key, e.toString());
        return new ErrorResponseException(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
    private static boolean notModified(HttpServletRequest request, String etag, Instant lastModified) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return ifNoneMatch.trim().equals("*") || List.of(ifNoneMatch.split(",")).stream()
                    .map(String::trim).map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                    .anyMatch(etag::equals);
        }
        Instant since = parseDate(request.getHeader(HttpHeaders.IF_MODIFIED_SINCE));
        return since != null && !lastModified.isAfter(since);
    }

    /** A Range applies only while the client's copy is still this one (strong comparison). */
    private static boolean ifRangeHolds(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        Instant date = parseDate(value);
        return date != null && date.equals(lastModified);
    }

    private static Instant parseDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
