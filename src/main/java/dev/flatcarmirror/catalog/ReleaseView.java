package dev.flatcarmirror.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A release as the JSON API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseView(
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
        List<ArtifactView> artifacts) {
}
