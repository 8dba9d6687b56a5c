package dev.flatcarmirror.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A file of a release as the JSON API shows it; {@code url} is the mirror path in upstream's layout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactView(
        String name,
        ArtifactState state,
        Long size,
        String sha256,
        String sha512,
        String signingKeyFingerprint,
        Instant signedAt,
        Instant verifiedAt,
        String url,
        String signatureUrl) {
}
