package dev.flatcarmirror.catalog;

import dev.flatcarmirror.OutcomeCode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's write side, used by the sync: each method is one transaction, and
 * {@link #publish} is the single step in which a release becomes visible.
 */
@Service
@Transactional
public class Catalog {

    static final Comparator<String> VERSION_ORDER = Comparator.comparing(ReleaseVersion::new);

    private final ChannelRepository channels;
    private final ChannelBoardRepository boards;
    private final ReleaseRepository releases;
    private final SyncEventRepository events;
    private final ArtifactRepository artifacts;
    private final BoardStreamRepository streams;
    private final ApplicationEventPublisher publisher;
    private final CatalogChanges changes;
    private final Clock clock;

    Catalog(ChannelRepository channels, ChannelBoardRepository boards, ReleaseRepository releases,
            SyncEventRepository events, ArtifactRepository artifacts, BoardStreamRepository streams,
            ApplicationEventPublisher publisher, CatalogChanges changes, Clock clock) {
        this.channels = channels;
        this.boards = boards;
        this.releases = releases;
        this.events = events;
        this.artifacts = artifacts;
        this.streams = streams;
        this.publisher = publisher;
        this.changes = changes;
        this.clock = clock;
    }

    /** Every verified file, for the at-rest check. */
    @Transactional(readOnly = true)
    public List<StoredArtifact> verifiedArtifacts() {
        return artifacts.findWithReleaseByState(ArtifactState.VERIFIED).stream().map(Artifact::stored).toList();
    }

    /** Takes a file out of service; it stays on record, with the reason, and is no longer served. */
    public void quarantine(long artifactId, OutcomeCode reason, String detail) {
        Artifact artifact = artifacts.findById(artifactId).orElseThrow(() -> new IllegalStateException("no artifact " + artifactId));
        Instant now = clock.instant();
        artifact.quarantine(reason.code(), detail, now);
        Release release = artifact.release();
        record(release, artifact.name(), SyncEventKind.QUARANTINED, reason, detail, now);
        changes.record("quarantined " + release + "/" + artifact.name());
    }

    @Transactional(readOnly = true)
    public List<QuarantinedFile> quarantined() {
        return artifacts.findWithReleaseByState(ArtifactState.QUARANTINED).stream().map(Artifact::quarantined).toList();
    }

    /** Makes sure every configured channel and board has its row. */
    public void register(String channel, List<String> boardNames) {
        Channel entity = channels.findByName(channel).orElseGet(() -> channels.save(new Channel(channel)));
        boolean added = false;
        for (String board : boardNames) {
            if (boards.findByChannelNameAndBoard(channel, board).isEmpty()) {
                boards.save(new ChannelBoard(entity, board));
                added = true;
            }
        }
        if (added) {
            changes.record("registered boards of " + channel);
        }
    }

    @Transactional(readOnly = true)
    public Pointer pointer(String channel, String board) {
        ChannelBoard state = board(channel, board);
        return state.polls().pointer(state.currentRelease());
    }

    /** Finds or creates the release and counts one more attempt at mirroring it. */
    public ReleaseAttempt beginRelease(String channel, String board, String version, String versionTxt) {
        Release release = releases.findByChannelNameAndBoardAndVersion(channel, board, version)
                .orElseGet(() -> releases.save(new Release(board(channel, board).channel(), board, version, versionTxt, clock.instant())));
        release.startAttempt(clock.instant());
        changes.record("attempt at " + release);
        List<String> verified = release.artifacts().stream().filter(artifact -> artifact.state() == ArtifactState.VERIFIED)
                .map(Artifact::name).toList();
        ReleaseVersion self = new ReleaseVersion(version);
        Set<String> expected = artifacts.findNamesVerifiedOnBoard(channel, board).stream()
                .filter(earlier -> self.isNewerThan(new ReleaseVersion(earlier.getVersion())))
                .map(ArtifactRepository.VerifiedName::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        return new ReleaseAttempt(release.id(), release.state(), verified, Set.copyOf(expected));
    }

    public void recordVerified(long releaseId, VerifiedArtifact artifact) {
        Release release = release(releaseId);
        release.recordVerified(artifact, clock.instant());
        changes.record("verified " + release + "/" + artifact.name());
    }

    /** What was recorded when a file of a release was verified (digests, signature), if it ever was. */
    @Transactional(readOnly = true)
    public Optional<VerifiedArtifact> recordedFile(String channel, String board, String version, String name) {
        return releases.findByChannelNameAndBoardAndVersion(channel, board, version)
                .flatMap(release -> release.artifact(name))
                .filter(Artifact::wasVerified)
                .map(Artifact::recorded);
    }

    /** A quarantined file fetched and verified again, with the very bytes first verified (the release refuses others). */
    public void recordRepaired(String channel, String board, String version, VerifiedArtifact artifact) {
        Release release = existingRelease(channel, board, version);
        Instant now = clock.instant();
        release.recordRepaired(artifact, now);
        record(release, artifact.name(), SyncEventKind.REPAIRED, null, artifact.name() + " fetched and verified again", now);
        changes.record("repaired " + release + "/" + artifact.name());
    }

    /** A repair that could not restore the file: it stays quarantined, now with this reason, and the history says so. */
    public void keepQuarantined(String channel, String board, String version, String name, OutcomeCode reason, String detail) {
        Release release = existingRelease(channel, board, version);
        Instant now = clock.instant();
        release.artifact(name).orElseThrow(() -> new IllegalStateException("release " + release + " has no " + name))
                .keepQuarantined(reason.code(), detail, now);
        record(release, name, SyncEventKind.QUARANTINED, reason, detail, now);
        changes.record("still quarantined " + release + "/" + name);
    }

    /** @return on how many polls of the release upstream has now answered 404 for the file */
    public int recordAbsent(long releaseId, String name) {
        Release release = release(releaseId);
        int polls = release.recordAbsent(name);
        changes.record("absent " + release + "/" + name);
        return polls;
    }

    /**
     * Publishes the release and, if it is newer, makes it the board's current one, together.
     *
     * @return whether the board's current release moved to it
     */
    public boolean publish(long releaseId, String pointerEtag, String pointerLastModified) {
        Release release = release(releaseId);
        Instant now = clock.instant();
        if (release.state() != ReleaseState.PUBLISHED) {
            release.markPublished(now);
        }
        ChannelBoard state = board(release.channel().name(), release.board());
        boolean moved = state.moveCurrentTo(release, VERSION_ORDER);
        state.polls().rememberPointer(pointerEtag, pointerLastModified);
        state.polls().pollSucceeded(now);
        record(release, null, SyncEventKind.PUBLISHED, null, moved ? "now current" : "published, a newer release stays current", now);
        changes.record("published " + release);
        publisher.publishEvent(new ReleasePublished(release.channel().name(), release.board(), release.version(), moved));
        return moved;
    }

    public void releaseFailed(long releaseId, String file, OutcomeCode reason, String detail) {
        Release release = release(releaseId);
        release.markFailed(reason.code(), detail);
        Instant now = clock.instant();
        board(release.channel().name(), release.board()).polls().pollFailed(reason.code(), detail, now);
        record(release, file, SyncEventKind.FAILED, reason, detail, now);
        changes.record("failed " + release);
    }

    /**
     * A poll that went wrong before or outside a release: recorded, the current release untouched.
     *
     * @param kind {@link SyncEventKind#REJECTED} when a check refused what upstream published, else {@link SyncEventKind#FAILED}
     */
    public void pollFailed(String channel, String board, String file, SyncEventKind kind, OutcomeCode reason, String detail) {
        Instant now = clock.instant();
        board(channel, board).polls().pollFailed(reason.code(), detail, now);
        events.save(new SyncEvent(new SyncEventView(channel, board, null, file, kind, reason.code(), detail, now)));
        changes.record("poll failed " + channel + "/" + board);
    }

    /** A poll that found nothing to do; remembers the pointer's validators for the next conditional request. */
    public void pollSucceeded(String channel, String board, String pointerEtag, String pointerLastModified) {
        board(channel, board).polls().pollSucceeded(pointerEtag, pointerLastModified, clock.instant());
        changes.record("polled " + channel + "/" + board);
    }

    /**
     * Every release of the board as retention weighs it, with the objects each has in the store; current is the board's
     * current release or that of any of its streams, supported or not.
     */
    @Transactional(readOnly = true)
    public List<RetainedRelease> retention(String channel, String board) {
        Set<Long> current = currentReleaseIds(channel, board);
        return releases.findByChannelNameAndBoard(channel, board).stream()
                .map(release -> new RetainedRelease(channel, board, release.version(), release.state(),
                        current.contains(release.id()), release.publishedAt(), release.lastAttemptAt(),
                        release.prunedAt(), release.artifacts().stream().flatMap(artifact -> artifact.objects().stream()).toList()))
                .toList();
    }

    /** Withdraws a release: from now on it is neither served nor listed. Never the board's current one. */
    public void prune(String channel, String board, String version, OutcomeCode reason, String detail) {
        Release release = releases.findByChannelNameAndBoardAndVersion(channel, board, version)
                .orElseThrow(() -> new IllegalStateException("no release " + channel + "/" + board + "/" + version));
        if (currentReleaseIds(channel, board).contains(release.id())) {
            throw new IllegalStateException("release " + release + " is the current one of its board or of one of its streams "
                    + "and is never pruned");
        }
        Instant now = clock.instant();
        release.markPruned(now);
        record(release, null, SyncEventKind.PRUNED, reason, detail, now);
        changes.record("pruned " + release);
    }

    /** Deletes a pruned release's rows, once its objects are gone from the store. */
    public void purge(String channel, String board, String version) {
        releases.findByChannelNameAndBoardAndVersion(channel, board, version).ifPresent(release -> {
            if (release.state() != ReleaseState.PRUNED) {
                throw new IllegalStateException("release " + release + " is " + release.state() + "; only a pruned release is deleted");
            }
            releases.delete(release);
            changes.record("purged " + release);
        });
    }

    /** Every object key some release row refers to, pruned ones included until they are deleted: what GC must keep. */
    @Transactional(readOnly = true)
    public Set<String> referencedKeys() {
        Set<String> keys = new HashSet<>();
        for (Artifact artifact : artifacts.findAll()) {
            artifact.objects().forEach(file -> keys.add(file.storageKey()));
        }
        return keys;
    }

    private void record(Release release, String file, SyncEventKind kind, OutcomeCode reason, String detail, Instant at) {
        events.save(new SyncEvent(new SyncEventView(release.channel().name(), release.board(), release.version(), file, kind,
                reason == null ? null : reason.code(), detail, at)));
    }

    /** The board's current release and each of its streams' ({@link BoardStreams}). */
    private Set<Long> currentReleaseIds(String channel, String board) {
        Set<Long> ids = new HashSet<>();
        Release current = board(channel, board).currentRelease();
        if (current != null) {
            ids.add(current.id());
        }
        streams.findByChannelBoardChannelNameAndChannelBoardBoardOrderByStream(channel, board).stream()
                .map(BoardStream::currentRelease).filter(java.util.Objects::nonNull).forEach(release -> ids.add(release.id()));
        return ids;
    }

    private ChannelBoard board(String channel, String board) {
        return boards.findByChannelNameAndBoard(channel, board)
                .orElseThrow(() -> new IllegalStateException("channel " + channel + " board " + board + " is not registered"));
    }

    private Release existingRelease(String channel, String board, String version) {
        return releases.findByChannelNameAndBoardAndVersion(channel, board, version)
                .orElseThrow(() -> new IllegalStateException("no release " + channel + "/" + board + "/" + version));
    }

    private Release release(long id) {
        return releases.findById(id).orElseThrow(() -> new IllegalStateException("no release " + id));
    }

    /** The validators of the board's pointer file as last seen, and its current version. */
    public record Pointer(String etag, String lastModified, String currentVersion) {
    }

    /**
     * A release being mirrored: files already verified in an earlier attempt are not fetched again; every other one
     * (absent, quarantined, never tried) is.
     *
     * @param expectedFiles files verified in an earlier release of the same board, whose 404 may be a passing hiccup
     */
    public record ReleaseAttempt(long releaseId, ReleaseState state, List<String> verifiedFiles, Set<String> expectedFiles) {
    }
}
