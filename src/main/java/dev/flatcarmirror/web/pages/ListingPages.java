package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.Streams;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The HTML listings on upstream's directory URLs, which end with '/'. Files below them
 * ({@code /{channel}/{board}/{version}/{file}}) stay with the file server.
 */
@Hidden
@Controller
class ListingPages {

    /** Only names that can be channels and boards, so static resources ({@code /assets/x.css}) are never matched. */
    private static final String NAME = "[a-z0-9][a-z0-9_-]*";
    private static final String VERSION = "[0-9][0-9.]*(?:\\+[A-Za-z0-9._-]+)?|current|current-[0-9]{4}";

    // The pages also produce */*: a client that accepts anything (curl, wget) gets the page, as it
    // did from upstream, and only a client asking for JSON by name gets the ListingApi's answer.

    private final PageViews views;
    private final ServedChannels lookup;

    ListingPages(PageViews views, ServedChannels lookup) {
        this.views = views;
        this.lookup = lookup;
    }

    @GetMapping(path = "/", produces = {MediaType.TEXT_HTML_VALUE, MediaType.ALL_VALUE})
    String index(Model model) {
        model.addAttribute("boards", views.boards());
        return "pages/index";
    }

    @GetMapping(path = "/{channel}/", produces = {MediaType.TEXT_HTML_VALUE, MediaType.ALL_VALUE})
    String channel(@PathVariable String channel, Model model) {
        model.addAttribute("channel", channel);
        model.addAttribute("sections", views.channel(channel));
        model.addAttribute("audit", views.audit(channel));
        return "pages/channel";
    }

    @GetMapping(path = "/{channel}/{board}/", produces = {MediaType.TEXT_HTML_VALUE, MediaType.ALL_VALUE})
    String board(@PathVariable String channel, @PathVariable String board, Model model) {
        model.addAttribute("channel", channel);
        model.addAttribute("section", views.board(channel, board));
        return "pages/board";
    }

    /** {@code current} moves, so its page is the current version's page, reached by a redirect never cached. */
    @GetMapping(path = "/{channel}/{board}/current/", produces = {MediaType.TEXT_HTML_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<Void> current(@PathVariable String channel, @PathVariable String board) {
        String version = views.currentVersion(channel, board);
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, MirrorPaths.version(channel, board, version))
                .cacheControl(CacheControl.noCache())
                .build();
    }

    @GetMapping(path = "/{channel}/{board}/{version}/", produces = {MediaType.TEXT_HTML_VALUE, MediaType.ALL_VALUE})
    String version(@PathVariable String channel, @PathVariable String board, @PathVariable String version, Model model,
                   HttpServletResponse response) {
        if (Streams.isYearly(version)) {
            // A stream moves like current: its page is its version's page, by a redirect (302) never cached.
            String target = MirrorPaths.version(channel, board, views.streamVersion(channel, board, version));
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
            return "redirect:" + target;
        }
        String mirror = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("page", views.version(channel, board, version, mirror));
        return "pages/version";
    }

    /** A directory URL typed without its final '/' is sent to the one with it, as file servers do. */
    @GetMapping("/{channel:" + NAME + "}")
    ResponseEntity<Void> channelWithoutSlash(@PathVariable String channel) {
        lookup.channel(channel);
        return addSlash(MirrorPaths.channel(channel));
    }

    @GetMapping("/{channel:" + NAME + "}/{board:" + NAME + "}")
    ResponseEntity<Void> boardWithoutSlash(@PathVariable String channel, @PathVariable String board) {
        lookup.channelWithBoard(channel, board);
        return addSlash(MirrorPaths.board(channel, board));
    }

    @GetMapping("/{channel:" + NAME + "}/{board:" + NAME + "}/{version:" + VERSION + "}")
    ResponseEntity<Void> versionWithoutSlash(@PathVariable String channel, @PathVariable String board, @PathVariable String version) {
        lookup.channelWithBoard(channel, board);
        return addSlash(MirrorPaths.version(channel, board, version));
    }

    private static ResponseEntity<Void> addSlash(String directory) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, directory).build();
    }
}
