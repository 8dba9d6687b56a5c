package dev.flatcarmirror.ignition;

import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.PublicUrls;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ignition/{name}.ign}: what Ignition fetches at first boot ({@code ignition.config.url}). Access is
 * decided before any content is read; an unknown name, a deleted config, a wrong token and a client outside the
 * config's networks all get the same 404, so names do not leak. Configs can hold secrets: never cached.
 */
@Hidden
@RestController
class IgnitionServingController {

    static final MediaType IGNITION = MediaType.parseMediaType("application/vnd.coreos.ignition+json");

    private final IgnitionConfigs configs;
    private final BaseConfigs bases;
    private final Channels channels;
    private final PublicUrls urls;

    IgnitionServingController(IgnitionConfigs configs, BaseConfigs bases, Channels channels, PublicUrls urls) {
        this.configs = configs;
        this.bases = bases;
        this.channels = channels;
        this.urls = urls;
    }

    @GetMapping("/ignition/{name}.ign")
    ResponseEntity<byte[]> config(@PathVariable String name, @RequestParam(required = false) String token,
                                  @RequestParam(required = false) String channel, @RequestParam(required = false) Integer version,
                                  HttpServletRequest request) {
        IgnitionConfigs.Servable servable = configs.servable(name, version, request.getRemoteAddr(), token)
                .orElseThrow(() -> IgnitionConfigs.unknown(name));
        if (channel != null) {
            channels.channel(channel);
        }
        // A pinned version (?version=) is what a document merging a base refers to: its hash must not move.
        byte[] body = version != null ? servable.content() : bases.served(urls.base(request), servable, channel);
        return ResponseEntity.ok().contentType(IGNITION).cacheControl(CacheControl.noStore()).body(body);
    }
}
