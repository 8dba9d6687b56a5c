package dev.flatcarmirror.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A release as the catalog records it, with its files. */
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

    public boolean isPublished() {
        return state == ReleaseState.PUBLISHED;
    }

    /** The files that are verified and stored, in name order. */
    public List<ArtifactView> verifiedArtifacts() {
        return artifacts.stream().filter(ArtifactView::isVerified).toList();
    }
}
