package dev.flatcarmirror.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What the file server needs to answer for one verified file: where it is and its validators, the latter also as
 * the header values, made once when the view is built rather than on every request.
 *
 * @param etag               the strong {@code ETag}, the quoted SHA-256
 * @param lastModifiedHeader {@code lastModified} to the second, as {@code Last-Modified} carries it
 */
public record StoredFile(String storageKey, long size, String sha256, Instant lastModified, String etag,
                         String lastModifiedHeader) {

    public StoredFile(String storageKey, long size, String sha256, Instant lastModified) {
        this(storageKey, size, sha256, lastModified, "\"" + sha256 + "\"",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    }
}
