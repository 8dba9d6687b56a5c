package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.catalog.ArtifactView;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.ReleaseState;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.NotFoundException;
import dev.flatcarmirror.provisioning.PxeBoot;
import dev.flatcarmirror.release.ChannelPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Turns the catalog's views into what the pages show; unknown channels, boards and versions are 404s. */
@Component
class PageViews {

    private static final int AUDIT_SHOWN = 20;

    private final ServedChannels lookup;
    private final MirrorState state;
    private final Clock clock;

    PageViews(ServedChannels lookup, MirrorState state, Clock clock) {
        this.lookup = lookup;
        this.state = state;
        this.clock = clock;
    }

    /** Every board of every channel, in configuration order. */
    List<BoardRow> boards() {
        Instant now = clock.instant();
        return lookup.all().stream().flatMap(channel -> boardRows(channel, now).stream()).toList();
    }

    List<BoardSection> channel(String name) {
        ChannelProperties channel = lookup.channel(name);
        Instant now = clock.instant();
        return boardRows(channel, now).stream()
                .map(row -> new BoardSection(row, releaseRows(name, row.board(), now), policy(name, row.board())))
                .toList();
    }

    /** The channel's latest release control entries, newest first; none for a mirrored channel. */
    List<AuditRow> audit(String name) {
        lookup.channel(name);
        Instant now = clock.instant();
        return state.audit(name, AUDIT_SHOWN).stream().map(entry -> AuditRow.of(entry, now)).toList();
    }

    private String policy(String channel, String board) {
        return state.policy(channel, board).map(ChannelPolicy::summary).orElse(null);
    }

    BoardSection board(String name, String board) {
        ChannelProperties channel = lookup.channelWithBoard(name, board);
        Instant now = clock.instant();
        BoardRow row = boardRows(channel, now).stream().filter(candidate -> candidate.board().equals(board)).findFirst().orElseThrow();
        return new BoardSection(row, releaseRows(name, board, now), policy(name, board));
    }

    VersionPage version(String name, String board, String version, String mirrorBaseUrl) {
        lookup.channelWithBoard(name, board);
        ReleaseView release = state.release(name, board, version).orElseThrow(() -> NotFoundException.unknownRelease(name, board, version));
        Instant now = clock.instant();
        boolean published = release.isPublished();
        List<FileRow> files = release.artifacts().stream().map(artifact -> fileRow(release, artifact, now)).toList();
        List<TransferRow> transfers = release.state() == ReleaseState.DOWNLOADING
                ? state.transfers(name + "/" + board + "/" + version + "/").stream()
                        .map(transfer -> TransferRow.of(transfer.file(), transfer.bytesDone(), transfer.bytesTotal())).toList()
                : List.of();
        InstallCommands commands = published ? commands(mirrorBaseUrl, release, state.defaultConfigUrl(mirrorBaseUrl, name).orElse(null)) : null;
        return new VersionPage(name, board, MirrorPaths.board(name, board), releaseRow(release, now), release.versionTxt(), files,
                transfers, commands);
    }

    /** The version {@code current} or another stream (LTS's {@code current-2024}) stands for; a 404 while there is none. */
    String streamVersion(String name, String board, String stream) {
        lookup.channelWithBoard(name, board);
        ReleaseView release = state.streamCurrents(name, board).get(stream);
        if (release == null) {
            throw NotFoundException.unknownRelease(name, board, stream);
        }
        return release.version();
    }

    /** The version {@code current} stands for, or a 404 while nothing is published. */
    String currentVersion(String name, String board) {
        lookup.channelWithBoard(name, board);
        return state.current(name, board).map(ReleaseView::version).orElseThrow(() -> NotFoundException.nothingPublished(name, board));
    }

    private List<BoardRow> boardRows(ChannelProperties channel, Instant now) {
        return state.boards(channel).stream().map(view -> boardRow(view, now)).toList();
    }

    private static BoardRow boardRow(BoardView view, Instant now) {
        BoardStatus status = view.status();
        String channel = view.channelName();
        return new BoardRow(channel, status.board(), MirrorPaths.board(channel, status.board()), status.currentVersion(),
                status.currentVersion() == null ? null : MirrorPaths.version(channel, status.board(), status.currentVersion()),
                When.of(status.publishedAt(), now),
                view.freshness().state().name().toLowerCase(Locale.ROOT), view.freshness().reason(), When.of(status.lastCheckedAt(), now),
                status.lastError() == null ? null : new BoardRow.LastError(status.lastError().reason(), status.lastError().detail(),
                        When.of(status.lastError().at(), now)));
    }

    private List<ReleaseRow> releaseRows(String channel, String board, Instant now) {
        return state.releases(channel, board).stream().map(release -> releaseRow(release, now)).toList();
    }

    private static ReleaseRow releaseRow(ReleaseView release, Instant now) {
        List<ArtifactView> verified = release.verifiedArtifacts();
        long total = verified.stream().map(ArtifactView::size).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        boolean published = release.isPublished();
        String state = switch (release.state()) {
            case PUBLISHED -> "published";
            case DOWNLOADING -> "in-progress";
            case FAILED -> "rejected";
            // The catalog's queries leave pruned releases out; should one slip through, it is not served.
            case PRUNED -> "pruned";
        };
        return new ReleaseRow(release.version(), MirrorPaths.version(release.channel(), release.board(), release.version()), state,
                release.current(), release.failureReason(), release.failureDetail(), published ? "Published" : "First seen",
                When.of(published ? release.publishedAt() : release.discoveredAt(), now), ByteSize.of(total), verified.size());
    }

    /** Links only where the file server serves the file: a verified file of a published release. */
    private static FileRow fileRow(ReleaseView release, ArtifactView artifact, Instant now) {
        boolean served = artifact.isVerified() && release.isPublished();
        return new FileRow(artifact.name(), artifact.isVerified(),
                served ? MirrorPaths.file(release.channel(), release.board(), release.version(), artifact.name()) : null,
                served ? MirrorPaths.signature(release.channel(), release.board(), release.version(), artifact.name()) : null,
                artifact.size() == null ? null : ByteSize.of(artifact.size()),
                artifact.sha256(), artifact.sha512(), grouped(artifact.signingKeyFingerprint()), When.of(artifact.signedAt(), now),
                When.of(artifact.verifiedAt(), now));
    }

    private static InstallCommands commands(String base, ReleaseView release, String configUrl) {
        String boardBase = base + MirrorPaths.boardBase(release.channel(), release.board());
        String versionBase = base + MirrorPaths.versionBase(release.channel(), release.board(), release.version());
        List<String> verified = release.verifiedArtifacts().stream().map(ArtifactView::name).toList();
        List<String> downloads = verified.stream()
                .map(name -> "curl -O " + versionBase + "/" + name + " -O " + versionBase + "/" + name + MirrorPaths.SIGNATURE_SUFFIX)
                .toList();
        String install = verified.contains(ChannelProperties.IMAGE)
                ? "flatcar-install -b " + boardBase + " -V " + release.version() + " -d /dev/sda"
                : null;
        boolean pxe = verified.contains(ChannelProperties.PXE_KERNEL) && verified.contains(ChannelProperties.PXE_INITRD);
        if (!pxe) {
            return new InstallCommands(downloads, install, null, null, null, configUrl);
        }
        String ipxe = PxeBoot.scriptForPage(base, release.channel(), release.board(), release.version(), configUrl);
        String kernelArgs = String.join(" ", PxeBoot.kernelArgs(configUrl == null ? PxeBoot.PLACEHOLDER_CONFIG : configUrl, List.of()));
        String chain = PxeBoot.chainSnippet(base, release.channel(), release.board(), null);
        return new InstallCommands(downloads, install, ipxe, chain, kernelArgs, configUrl);
    }

    /** {@code 52F145DF...} as {@code 52F1 45DF ...}, the way gpg prints fingerprints. */
    static String grouped(String fingerprint) {
        if (fingerprint == null) {
            return null;
        }
        return String.join(" ", fingerprint.split("(?<=\\G.{4})"));
    }
}
