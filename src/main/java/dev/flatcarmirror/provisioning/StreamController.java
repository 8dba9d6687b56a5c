package dev.flatcarmirror.provisioning;

import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.channel.PublicUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /streams/{channel}.json}: the channel's current releases in the shape of Fedora CoreOS stream
 * metadata, so tools written for it (Terraform's {@code data "http"} + {@code jsondecode}, {@code jq}, coreos-installer
 * style scripts) find each file's mirror URL, signature URL and the SHA-256 the mirror computed while verifying it.
 */
@Tag(name = "Provisioning", description = "Stream metadata for tools")
@RestController
class StreamController {

    private final ServedChannels channels;
    private final BootReleases releases;
    private final PublicUrls urls;

    StreamController(ServedChannels channels, BootReleases releases, PublicUrls urls) {
        this.channels = channels;
        this.releases = releases;
        this.urls = urls;
    }

    @Operation(summary = "Show a channel as Fedora CoreOS stream metadata",
            description = "architectures.{x86_64,aarch64}.artifacts.{platform}.formats.{format}.{disk,kernel,initramfs} = "
                    + "{location, signature, sha256}; metal has raw.bz2 (the disk image) and pxe (kernel, initramfs).")
    @GetMapping(path = "/streams/{channel}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> stream(@Parameter(example = "stable") @PathVariable String channel, HttpServletRequest request) {
        ChannelProperties config = channels.channel(channel);
        String mirror = urls.base(request);
        Map<String, Object> architectures = new LinkedHashMap<>();
        Instant lastModified = null;
        for (String board : config.boards()) {
            Optional<String> architecture = StreamPlatforms.architecture(board);
            Optional<ReleaseView> current = releases.current(channel, board);
            if (architecture.isEmpty() || current.isEmpty()) {
                continue;
            }
            Map<String, Object> artifacts = artifacts(mirror, current.get());
            if (!artifacts.isEmpty()) {
                architectures.put(architecture.get(), Map.of("artifacts", artifacts));
                Instant published = current.get().publishedAt();
                lastModified = lastModified == null || published.isAfter(lastModified) ? published : lastModified;
            }
        }
        if (architectures.isEmpty()) {
            throw NotFoundException.nothingPublishedOfKnownArchitecture(channel);
        }
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("stream", channel);
        stream.put("metadata", Map.of("last-modified", lastModified.truncatedTo(ChronoUnit.SECONDS).toString(), "generator", "flatcar-mirror"));
        stream.put("architectures", architectures);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(stream);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> artifacts(String mirror, ReleaseView release) {
        Map<String, Object> platforms = new LinkedHashMap<>();
        for (ArtifactView artifact : release.verifiedArtifacts()) {
            StreamPlatforms.place(artifact.name()).ifPresent(place -> {
                Map<String, Object> platform = (Map<String, Object>) platforms.computeIfAbsent(place.platform(), ignored -> {
                    Map<String, Object> created = new LinkedHashMap<>();
                    created.put("release", release.version());
                    created.put("formats", new LinkedHashMap<String, Object>());
                    return created;
                });
                Map<String, Object> formats = (Map<String, Object>) platform.get("formats");
                Map<String, Object> format = (Map<String, Object>) formats.computeIfAbsent(place.format(), ignored -> new LinkedHashMap<>());
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("location", mirror + MirrorPaths.file(release.channel(), release.board(), release.version(), artifact.name()));
                file.put("signature", mirror + MirrorPaths.signature(release.channel(), release.board(), release.version(), artifact.name()));
                file.put("sha256", artifact.sha256());
                format.put(place.role(), file);
            });
        }
        return platforms;
    }
}
