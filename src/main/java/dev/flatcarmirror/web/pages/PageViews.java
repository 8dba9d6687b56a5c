package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.Untrusted;
import dev.flatcarmirror.catalog.ArtifactState;
import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.sync.ChannelProperties;
import dev.flatcarmirror.sync.Freshness;
import dev.flatcarmirror.sync.MirrorProperties;
import dev.flatcarmirror.web.ChannelLookup;
import dev.flatcarmirror.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Turns the catalog's views into what the pages show; unknown channels, boards and versions are 404s. */
@Component
class PageViews {

    private final MirrorProperties properties;
    private final ChannelLookup lookup;
    private final MirrorState state;
    private final Clock clock;

    PageViews(MirrorProperties properties, ChannelLookup lookup, MirrorState state, Clock clock) {
        this.properties = properties;
        this.lookup = lookup;
        this.state = state;
        this.clock = clock;
    }

    /** Every board of every channel, in configuration order. */
    List<BoardRow> boards() {
        Instant now = clock.instant();
        return properties.channels().stream().flatMap(channel -> boardRows(channel, now).stream()).toList();
    }

    List<BoardSection> channel(String name) {
        ChannelProperties channel = lookup.channel(name);
        Instant now = clock.instant();
        return boardRows(channel, now).stream()
                .map(row -> new BoardSection(row, releaseRows(name, row.board(), now)))
                .toList();
    }

    BoardSection board(String name, String board) {
        ChannelProperties channel = lookup.channelWithBoard(name, board);
        Instant now = clock.instant();
        BoardRow row = boardRows(channel, now).stream().filter(candidate -> candidate.board().equals(board)).findFirst().orElseThrow();
        return new BoardSection(row, releaseRows(name, board, now));
    }

    VersionPage version(String name, String board, String version, String mirrorBaseUrl) {
        lookup.channelWithBoard(name, board);
        ReleaseView release = state.release(name, board, version).orElseThrow(() -> unknownRelease(name, board, version));
        Instant now = clock.instant();
        boolean published = release.state() == ReleaseState.PUBLISHED;
        List<FileRow> files = release.artifacts().stream().map(artifact -> fileRow(artifact, published, now)).toList();
        List<TransferRow> transfers = release.state() == ReleaseState.DOWNLOADING
                ? state.transfers(name + "/" + board + "/" + version + "/").stream()
                        .map(transfer -> TransferRow.of(transfer.file(), transfer.bytesDone(), transfer.bytesTotal())).toList()
                : List.of();
        InstallCommands commands = published ? commands(mirrorBaseUrl, release) : null;
        return new VersionPage(name, board, boardUrl(name, board), releaseRow(release, now), release.versionTxt(), files,
                transfers, commands);
    }

    /** The version {@code current} stands for, or a 404 while nothing is published. */
    String currentVersion(String name, String board) {
        lookup.channelWithBoard(name, board);
        return state.current(name, board).map(ReleaseView::version).orElseThrow(() -> new NotFoundException(
                "Nothing published yet", "channel '" + name + "' board '" + board + "' has no published release yet"));
    }

    static NotFoundException unknownRelease(String channel, String board, String version) {
        return new NotFoundException("Unknown release", "channel '" + channel + "' board '" + board + "' has no release '"
                + Untrusted.shown(version) + "'");
    }

    static String boardUrl(String channel, String board) {
        return "/" + channel + "/" + board + "/";
    }

    private List<BoardRow> boardRows(ChannelProperties channel, Instant now) {
        List<BoardStatus> statuses = state.boardStatuses(channel.name());
        return channel.boards().stream()
                .map(board -> statuses.stream().filter(status -> status.board().equals(board)).findFirst()
                        .orElse(new BoardStatus(board, null, null, null, null, null)))
                .map(status -> boardRow(channel, status, now))
                .toList();
    }

    private static BoardRow boardRow(ChannelProperties channel, BoardStatus status, Instant now) {
        Freshness freshness = Freshness.of(channel, status, now);
        String url = boardUrl(channel.name(), status.board());
        return new BoardRow(channel.name(), status.board(), url, status.currentVersion(),
                status.currentVersion() == null ? null : url + status.currentVersion() + "/", When.of(status.publishedAt(), now),
                freshness.state().name().toLowerCase(Locale.ROOT), freshness.reason(), When.of(status.lastCheckedAt(), now),
                status.lastError() == null ? null : new BoardRow.LastError(status.lastError().reason(), status.lastError().detail(),
                        When.of(status.lastError().at(), now)));
    }

    private List<ReleaseRow> releaseRows(String channel, String board, Instant now) {
        return state.releases(channel, board).stream().map(release -> releaseRow(release, now)).toList();
    }

    private static ReleaseRow releaseRow(ReleaseView release, Instant now) {
        List<ArtifactView> verified = release.artifacts().stream().filter(artifact -> artifact.state() == ArtifactState.VERIFIED).toList();
        long total = verified.stream().map(ArtifactView::size).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        boolean published = release.state() == ReleaseState.PUBLISHED;
        String state = switch (release.state()) {
            case PUBLISHED -> "published";
            case DOWNLOADING -> "in-progress";
            case FAILED -> "rejected";
        };
        return new ReleaseRow(release.version(), boardUrl(release.channel(), release.board()) + release.version() + "/", state,
                release.current(), release.failureReason(), release.failureDetail(), published ? "Published" : "First seen",
                When.of(published ? release.publishedAt() : release.discoveredAt(), now), ByteSize.of(total), verified.size());
    }

    private static FileRow fileRow(ArtifactView artifact, boolean served, Instant now) {
        boolean verified = artifact.state() == ArtifactState.VERIFIED;
        return new FileRow(artifact.name(), verified, verified && served ? artifact.url() : null,
                verified && served ? artifact.signatureUrl() : null, artifact.size() == null ? null : ByteSize.of(artifact.size()),
                artifact.sha256(), artifact.sha512(), grouped(artifact.signingKeyFingerprint()), When.of(artifact.signedAt(), now),
                When.of(artifact.verifiedAt(), now));
    }

    private static InstallCommands commands(String base, ReleaseView release) {
        String boardBase = base + "/" + release.channel() + "/" + release.board();
        String versionBase = boardBase + "/" + release.version();
        List<String> verified = release.artifacts().stream().filter(artifact -> artifact.state() == ArtifactState.VERIFIED)
                .map(ArtifactView::name).toList();
        List<String> downloads = verified.stream()
                .map(name -> "curl -O " + versionBase + "/" + name + " -O " + versionBase + "/" + name + ".sig")
                .toList();
        String install = verified.contains(InstallFiles.IMAGE)
                ? "flatcar-install -b " + boardBase + " -V " + release.version() + " -d /dev/sda"
                : null;
        String ipxe = verified.contains(InstallFiles.PXE_KERNEL) && verified.contains(InstallFiles.PXE_INITRD)
                ? InstallFiles.ipxeScript(versionBase)
                : null;
        return new InstallCommands(downloads, install, ipxe);
    }

    /** {@code 52F145DF...} as {@code 52F1 45DF ...}, the way gpg prints fingerprints. */
    static String grouped(String fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        return String.join(" ", fingerprint.split("(?<=\\G.{4})"));
    }
}
