package dev.flatcarmirror.web.pages;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One entry of a directory listing in JSON, with the field names of the Go file server that
 * upstream's release server ran, so scripts written against upstream read the mirror unchanged.
 */
@Schema(name = "ListingEntry", description = "A file or directory, as the upstream release server's JSON listings named them")
record ListingEntry(
        @JsonProperty("Name") @Schema(description = "File or directory name, without a trailing slash",
                example = "flatcar_production_image.bin.bz2") String name,
        @JsonProperty("Size") @Schema(description = "Size in bytes; 0 for directories", example = "497154372") long size,
        @JsonProperty("URL") @Schema(description = "Absolute path on this host; directories end with '/'",
                example = "/stable/amd64-usr/4593.2.5/flatcar_production_image.bin.bz2") String url,
        @JsonProperty("ModTime") @Schema(description = "Last modification (RFC 3339, UTC); Go's zero time when unknown",
                example = "2026-08-12T09:30:00Z") Instant modTime,
        @JsonProperty("IsDir") @Schema(description = "Whether the entry is a directory", example = "false") boolean isDir) {

    /** Go's zero {@code time.Time}, which the upstream server reported when it had no time to give. */
    static final Instant UNKNOWN_TIME = Instant.parse("0001-01-01T00:00:00Z");

    static ListingEntry directory(String name, String url, Instant modTime) {
        return new ListingEntry(name, 0, url, modTime == null ? UNKNOWN_TIME : modTime, true);
    }

    static ListingEntry file(String name, long size, String url, Instant modTime) {
        return new ListingEntry(name, size, url, modTime == null ? UNKNOWN_TIME : modTime, false);
    }
}
