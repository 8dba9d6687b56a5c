package dev.flatcarmirror.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flatcarmirror.catalog.ArtifactState;
import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.MirrorPaths;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A release as the JSON API shows it: the catalog's record, and where the mirror serves each verified file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReleaseResponse(
        String channel,
        String board,
        String version,
        ReleaseState state,
        boolean current,
        Instant discoveredAt,
        Instant publishedAt,
        String failureReason,
        String failureDetail,
        Map<String, String> versionTxt,
        List<File> artifacts) {

    /** {@code url} and {@code signatureUrl} only for verified files. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record File(String name, ArtifactState state, Long size, String sha256, String sha512, String signingKeyFingerprint,
                Instant signedAt, Instant verifiedAt, String url, String signatureUrl) {
    }

    static ReleaseResponse of(ReleaseView release) {
        return new ReleaseResponse(release.channel(), release.board(), release.version(), release.state(), release.current(),
                release.discoveredAt(), release.publishedAt(), release.failureReason(), release.failureDetail(),
                release.versionTxt(), release.artifacts().stream().map(artifact -> file(release, artifact)).toList());
    }

    private static File file(ReleaseView release, ArtifactView artifact) {
        boolean verified = artifact.isVerified();
        return new File(artifact.name(), artifact.state(), artifact.size(), artifact.sha256(), artifact.sha512(),
                artifact.signingKeyFingerprint(), artifact.signedAt(), artifact.verifiedAt(),
                verified ? MirrorPaths.file(release.channel(), release.board(), release.version(), artifact.name()) : null,
                verified ? MirrorPaths.signature(release.channel(), release.board(), release.version(), artifact.name()) : null);
    }
}
