package dev.flatcarmirror.web.api;

import static dev.flatcarmirror.channel.ChannelProperties.DEFAULT_BOARD;

import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.catalog.SyncEventView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.ChannelStreams;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.channel.Streams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.flatcarmirror.release.ChannelPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API that provisioning systems script against. */
@Tag(name = "Channels", description = "Mirrored channels, their current releases and every release's verified files")
@RestController
class ChannelController {

    private final ServedChannels lookup;
    private final CurrentReleases current;
    private final CatalogQueries queries;
    private final ChannelStreams streams;

    ChannelController(ServedChannels lookup, CurrentReleases current, CatalogQueries queries, ChannelStreams streams) {
        this.lookup = lookup;
        this.current = current;
        this.queries = queries;
        this.streams = streams;
    }

    @Operation(summary = "List the mirrored channels",
            description = "Every configured channel with its boards, current versions and how its last polls went.")
    @ApiResponse(responseCode = "200", description = "The channels, in configuration order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = ChannelSummary.class)),
            examples = @ExampleObject(name = "channels", value = ApiExamples.CHANNELS)))
    @GetMapping("/channels")
    List<ChannelSummary> channels() {
        return lookup.all().stream().map(this::summary).toList();
    }

    @Operation(summary = "Show one channel", description = "As an entry of /channels; lastError names the board whose last poll failed.")
    @ApiResponse(responseCode = "200", description = "The channel", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ChannelSummary.class),
            examples = @ExampleObject(name = "channel with a failing board", value = ApiExamples.CHANNEL)))
    @ApiResponse(responseCode = "404", description = "The channel is not mirrored here", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "unknown channel", value = ApiExamples.UNKNOWN_CHANNEL)))
    @GetMapping("/channels/{channel}")
    ChannelSummary channel(@Parameter(description = "Channel name", example = "stable") @PathVariable String channel) {
        return summary(lookup.channel(channel));
    }

    @Operation(summary = "Show the release to provision from",
            description = "The current release of the board (or of one of its streams) with its verified files: sizes, SHA-256, SHA-512 and the mirror's URLs "
                    + "of each file and its detached signature.")
    @ApiResponse(responseCode = "200", description = "The current release", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = CurrentRelease.class),
            examples = @ExampleObject(name = "current release", value = ApiExamples.CURRENT)))
    @ApiResponse(responseCode = "404", description = "Unknown channel, board or stream, or nothing published yet", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "nothing published yet", value = ApiExamples.NOTHING_PUBLISHED)))
    @GetMapping("/channels/{channel}/current")
    CurrentRelease current(@Parameter(description = "Channel name", example = "stable") @PathVariable String channel,
                           @Parameter(description = "Board, e.g. amd64-usr or arm64-usr", example = "amd64-usr")
                           @RequestParam(defaultValue = DEFAULT_BOARD) String board,
                           @Parameter(description = "Stream: current, or one of the channel's streams such as LTS's current-2024",
                                   example = "current")
                           @RequestParam(defaultValue = Streams.CURRENT) String stream) {
        lookup.channelWithBoard(channel, board);
        if (!Streams.CURRENT.equals(stream)) {
            return CurrentRelease.of(streams.current(channel, board, stream), null);
        }
        return current.current(channel, board).map(release -> CurrentRelease.of(release, current.policy(channel, board).orElse(null)))
                .orElseThrow(() -> NotFoundException.nothingPublished(channel, board));
    }

    @Operation(summary = "List a board's releases",
            description = "Every release seen, newest first, in any state: PUBLISHED, DOWNLOADING, or FAILED with its reason.")
    @ApiResponse(responseCode = "200", description = "The releases, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = ReleaseResponse.class)),
            examples = @ExampleObject(name = "releases", value = ApiExamples.RELEASES)))
    @ApiResponse(responseCode = "404", description = "Unknown channel or board", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "unknown channel", value = ApiExamples.UNKNOWN_CHANNEL)))
    @GetMapping("/channels/{channel}/releases")
    List<ReleaseResponse> releases(@Parameter(description = "Channel name", example = "stable") @PathVariable String channel,
                               @Parameter(description = "Board, e.g. amd64-usr or arm64-usr", example = "amd64-usr")
                               @RequestParam(defaultValue = DEFAULT_BOARD) String board) {
        lookup.channelWithBoard(channel, board);
        return current.releases(channel, board).stream().map(ReleaseResponse::of).toList();
    }

    @Operation(summary = "Show one release",
            description = "Its state, version.txt, and each configured file: VERIFIED with digests and signature details, "
                    + "or ABSENT when upstream does not publish it for this release.")
    @ApiResponse(responseCode = "200", description = "The release", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ReleaseResponse.class), examples = {
                    @ExampleObject(name = "published", value = ApiExamples.RELEASE),
                    @ExampleObject(name = "rejected", value = ApiExamples.REJECTED_RELEASE)}))
    @ApiResponse(responseCode = "404", description = "Unknown channel, board or release", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(name = "unknown release", value = ApiExamples.UNKNOWN_RELEASE)))
    @GetMapping("/channels/{channel}/releases/{version}")
    ReleaseResponse release(@Parameter(description = "Channel name", example = "stable") @PathVariable String channel,
                        @Parameter(description = "Version, e.g. 4593.2.5", example = "4593.2.5") @PathVariable String version,
                        @Parameter(description = "Board, e.g. amd64-usr or arm64-usr", example = "amd64-usr")
                        @RequestParam(defaultValue = DEFAULT_BOARD) String board) {
        lookup.channelWithBoard(channel, board);
        return current.release(channel, board, version).map(ReleaseResponse::of)
                .orElseThrow(() -> NotFoundException.unknownRelease(channel, board, version));
    }

    @Operation(summary = "Show a channel's sync history", description = "What the polls did, newest first.")
    @ApiResponse(responseCode = "200", description = "The latest events, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = SyncEventView.class)),
            examples = @ExampleObject(name = "history", value = ApiExamples.HISTORY)))
    @ApiResponse(responseCode = "404", description = "The channel is not mirrored here", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/channels/{channel}/history")
    List<SyncEventView> history(@Parameter(description = "Channel name", example = "stable") @PathVariable String channel,
                                @Parameter(description = "How many events, 1 to 500", example = "50")
                                @RequestParam(defaultValue = "50") int limit) {
        lookup.channel(channel);
        return queries.history(channel, Math.max(1, Math.min(limit, 500)));
    }

    private ChannelSummary summary(ChannelProperties channel) {
        Map<String, ChannelPolicy> policies = new LinkedHashMap<>();
        channel.boards().forEach(board -> current.policy(channel.name(), board).ifPresent(policy -> policies.put(board, policy)));
        return ChannelSummary.of(channel, current.boards(channel.name()), policies.isEmpty() ? null : policies, streams.of(channel));
    }
}
