package dev.flatcarmirror.web.files;

import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.ChannelStreams;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.channel.Streams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The mirrored files in upstream's own layout, so a consumer only swaps the host:
 * {@code /{channel}/{board}/{version}/{file}}, and {@code current} (or a stream such as LTS's {@code current-2024})
 * redirecting to the version.
 * Every file is looked up in the catalog; the URL is never mapped onto the filesystem.
 */
@Controller
class MirrorFileController {

    private final ServedChannels lookup;
    private final CurrentReleases queries;
    private final FileResponder responder;
    private final ChannelStreams streams;

    MirrorFileController(ServedChannels lookup, CurrentReleases queries, FileResponder responder, ChannelStreams streams) {
        this.lookup = lookup;
        this.queries = queries;
        this.responder = responder;
        this.streams = streams;
    }

    @RequestMapping(path = "/{channel}/{board}/{version}/{file}", method = {RequestMethod.GET, RequestMethod.HEAD})
    void file(@PathVariable String channel, @PathVariable String board, @PathVariable String version,
              @PathVariable String file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        lookup.channelWithBoard(channel, board);
        if (MirrorPaths.CURRENT.equals(version)) {
            redirectToCurrent(channel, board, file, response);
            return;
        }
        if (Streams.isYearly(version)) {
            redirectToStream(channel, board, version, file, response);
            return;
        }
        StoredFile stored = queries.publishedFile(channel, board, version, file)
                .orElseThrow(() -> NotFoundException.unknownFile(channel, board, version, file));
        responder.respond(stored, file, request, response);
    }

    /** {@code current} moves: answer with the immutable URL of the current release's file, never cached for long. */
    private void redirectToCurrent(String channel, String board, String file, HttpServletResponse response) {
        ReleaseView current = queries.current(channel, board).orElseThrow(() -> NotFoundException.nothingPublished(channel, board));
        queries.publishedFile(channel, board, current.version(), file)
                .orElseThrow(() -> NotFoundException.unknownFile(channel, board, current.version(), file));
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, MirrorPaths.file(channel, board, current.version(), file));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    /** A {@code current-YYYY} stream moves like {@code current}, and is answered the same way. */
    private void redirectToStream(String channel, String board, String stream, String file, HttpServletResponse response) {
        ReleaseView current = streams.current(channel, board, stream);
        queries.publishedFile(channel, board, current.version(), file)
                .orElseThrow(() -> NotFoundException.unknownFile(channel, board, current.version(), file));
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, MirrorPaths.file(channel, board, current.version(), file));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
