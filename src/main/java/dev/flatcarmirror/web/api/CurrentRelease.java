package dev.flatcarmirror.web.api;

import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.release.ChannelPolicy;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /channels/{channel}/current}: the release to provision from, with its verified files.
 *
 * @param policy for an internal channel, why this release is current (absent for a mirrored channel)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CurrentRelease(String channel, String board, String version, Instant publishedAt,
                      Map<String, String> versionTxt, List<File> artifacts, ChannelPolicy policy) {

    /** @param signedAt when the file's signature was made, within {@code mirror.signing.release-window} of version.txt's */
    record File(String name, long size, String sha256, String sha512, Instant signedAt, String url, String signatureUrl) {
    }

    static CurrentRelease of(ReleaseView release, ChannelPolicy policy) {
        List<File> files = release.verifiedArtifacts().stream().map(artifact -> file(release, artifact)).toList();
        return new CurrentRelease(release.channel(), release.board(), release.version(), release.publishedAt(),
                release.versionTxt(), files, policy);
    }

    private static File file(ReleaseView release, ArtifactView artifact) {
        return new File(artifact.name(), artifact.size(), artifact.sha256(), artifact.sha512(), artifact.signedAt(),
                MirrorPaths.file(release.channel(), release.board(), release.version(), artifact.name()),
                MirrorPaths.signature(release.channel(), release.board(), release.version(), artifact.name()));
    }
}
