package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.AuditView;
import dev.flatcarmirror.release.ChannelPolicy;
import dev.flatcarmirror.sync.DownloadProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the listings read about the mirror: the boards' state, the catalog's views and the transfers under way.
 * Narrow on purpose, so the pages' tests can hand them any state without a database.
 */
interface MirrorState {

    /** The channel's configured boards, in configuration order. */
    List<BoardView> boards(ChannelProperties channel);

    /** Newest first. */
    List<ReleaseView> releases(String channel, String board);

    Optional<ReleaseView> release(String channel, String board, String version);

    Optional<ReleaseView> current(String channel, String board);

    /**
     * The board's streams besides current/ (LTS's current-YYYY) that have a published release, by name, with that
     * release; supported or not, as both are served.
     */
    default Map<String, ReleaseView> streamCurrents(String channel, String board) {
        return Map.of();
    }

    /** A file or {@code .sig} exactly as the file server serves it; empty unless its release is published. */
    Optional<StoredFile> publishedFile(String channel, String board, String version, String fileName);

    /** Transfers whose object key starts with {@code keyPrefix}, e.g. {@code stable/amd64-usr/4593.2.5/}. */
    List<DownloadProgress.Transfer> transfers(String keyPrefix);

    /** Why an internal channel's board serves what it serves; empty for a mirrored channel. */
    default Optional<ChannelPolicy> policy(String channel, String board) {
        return Optional.empty();
    }

    /** The channel's latest release control entries, newest first. */
    default List<AuditView> audit(String channel, int limit) {
        return List.of();
    }

    /** The redacted machine URL of the config a machine booting {@code channel} gets by default, if there is one. */
    Optional<String> defaultConfigUrl(String mirror, String channel);
}
