package dev.flatcarmirror.web.pages;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory URLs for clients sending {@code Accept: application/json}: the listing format of
 * upstream's file server, which release scripts already read.
 */
@Tag(name = "Directory listings", description = "The mirror's directories in upstream's layout, as JSON arrays of "
        + "{Name, Size, URL, ModTime, IsDir}. Send Accept: application/json; browsers get the HTML pages on the same URLs.")
@RestController
class ListingApi {

    private final DirectoryListings listings;

    ListingApi(DirectoryListings listings) {
        this.listings = listings;
    }

    @Operation(summary = "List the channels", description = "One directory per mirrored channel.")
    @ApiResponse(responseCode = "200", description = "The channels", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = ListingEntry.class)),
            examples = @ExampleObject(name = "channels", value = ListingExamples.ROOT)))
    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ListingEntry> root() {
        return listings.root();
    }

    @Operation(summary = "List a channel's boards")
    @ApiResponse(responseCode = "200", description = "One directory per mirrored board", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = ListingEntry.class)),
            examples = @ExampleObject(name = "boards", value = ListingExamples.CHANNEL)))
    @ApiResponse(responseCode = "404", description = "The channel is not mirrored here", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "unknown channel", value = ListingExamples.UNKNOWN_CHANNEL)))
    @GetMapping(path = "/{channel}/", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ListingEntry> channel(@Parameter(example = "stable") @PathVariable String channel) {
        return listings.channel(channel);
    }

    @Operation(summary = "List a board's published versions",
            description = "A 'current' directory first while a release is published, then every published version, newest first. "
                    + "Releases still downloading or rejected are not listed: their files are not served.")
    @ApiResponse(responseCode = "200", description = "current/ and the published versions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = ListingEntry.class)),
            examples = @ExampleObject(name = "versions", value = ListingExamples.BOARD)))
    @ApiResponse(responseCode = "404", description = "The channel or board is not mirrored here", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = "/{channel}/{board}/", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ListingEntry> board(@Parameter(example = "stable") @PathVariable String channel,
                             @Parameter(example = "amd64-usr") @PathVariable String board) {
        return listings.board(channel, board);
    }

    @Operation(summary = "List the current release's files",
            description = "As a version listing, with URLs under current/, which redirect to the version's own URLs.")
    @ApiResponse(responseCode = "200", description = "The current release's verified files and their signatures", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = ListingEntry.class)),
            examples = @ExampleObject(name = "current files", value = ListingExamples.CURRENT)))
    @ApiResponse(responseCode = "404", description = "Unknown channel or board, or nothing published yet", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = "/{channel}/{board}/current/", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ListingEntry> current(@Parameter(example = "stable") @PathVariable String channel,
                               @Parameter(example = "amd64-usr") @PathVariable String board) {
        return listings.current(channel, board);
    }

    @Operation(summary = "List a published version's files",
            description = "Every verified file with its detached OpenPGP signature (.sig), version.txt included. "
                    + "Size and ModTime are what the file server answers with in Content-Length and Last-Modified.")
    @ApiResponse(responseCode = "200", description = "The version's verified files and their signatures", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = ListingEntry.class)),
            examples = @ExampleObject(name = "files", value = ListingExamples.VERSION)))
    @ApiResponse(responseCode = "404", description = "Unknown channel, board or version, or a version not published (yet)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(name = "unknown release", value = ListingExamples.UNKNOWN_RELEASE)))
    @GetMapping(path = "/{channel}/{board}/{version}/", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ListingEntry> version(@Parameter(example = "stable") @PathVariable String channel,
                               @Parameter(example = "amd64-usr") @PathVariable String board,
                               @Parameter(example = "4593.2.5") @PathVariable String version) {
        return listings.version(channel, board, version);
    }
}
