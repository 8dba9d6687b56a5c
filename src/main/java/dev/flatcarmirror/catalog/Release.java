package dev.flatcarmirror.catalog;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One version of one board of a channel, and the files mirrored for it. */
@Entity
@Table(name = "mirror_release")
class Release {

    static final String VERSION_TXT = "version.txt";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id")
    private Channel channel;

    private String board;

    private String version;

    @Column(name = "version_txt")
    private String versionTxt;

    @Enumerated(EnumType.STRING)
    private ReleaseState state;

    private String failureReason;

    private String failureDetail;

    private int attempts;

    private Instant discoveredAt;

    private Instant publishedAt;

    private Instant lastAttemptAt;

    private Instant prunedAt;

    @OneToMany(mappedBy = "release", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("name")
    private List<Artifact> artifacts = new ArrayList<>();

    protected Release() {
    }

    Release(Channel channel, String board, String version, String versionTxt, Instant discoveredAt) {
        this.channel = channel;
        this.board = board;
        this.version = version;
        this.versionTxt = versionTxt;
        this.state = ReleaseState.DOWNLOADING;
        this.discoveredAt = discoveredAt;
        this.lastAttemptAt = discoveredAt;
    }

    /** A pruned release that upstream announces again is mirrored again, keeping what is still stored. */
    void startAttempt(Instant at) {
        if (state != ReleaseState.PUBLISHED) {
            state = ReleaseState.DOWNLOADING;
            prunedAt = null;
        }
        attempts++;
        lastAttemptAt = at;
    }

    /** Withdraws the release from service; the board's current release is never pruned (the catalog checks). */
    void markPruned(Instant at) {
        if (state == ReleaseState.PRUNED) {
            throw new IllegalStateException("release " + this + " is already pruned");
        }
        state = ReleaseState.PRUNED;
        prunedAt = at;
    }

    /**
     * Makes the release servable. Refused unless its version.txt and every file recorded for it are
     * verified (or absent upstream): a release with a quarantined file is repaired first.
     */
    void markPublished(Instant at) {
        List<String> unverified = artifacts.stream().filter(artifact -> artifact.state() == ArtifactState.QUARANTINED)
                .map(Artifact::name).toList();
        if (!unverified.isEmpty()) {
            throw new IllegalStateException("release " + this + " cannot be published: unverified files " + unverified);
        }
        if (artifact(VERSION_TXT).filter(artifact -> artifact.state() == ArtifactState.VERIFIED).isEmpty()) {
            throw new IllegalStateException("release " + this + " cannot be published without its verified " + VERSION_TXT);
        }
        state = ReleaseState.PUBLISHED;
        publishedAt = at;
        failureReason = null;
        failureDetail = null;
    }

    void markFailed(String reason, String detail) {
        state = ReleaseState.FAILED;
        failureReason = reason;
        failureDetail = Text.clip(detail);
    }

    /**
     * Records a verified file, or replaces what was known of it: an absent one found after all, or a quarantined one
     * fetched again. Once the release is published its files never change: only the same bytes are taken back.
     */
    void recordVerified(VerifiedArtifact verified, Instant at) {
        artifact(verified.name()).ifPresentOrElse(known -> {
            if (state == ReleaseState.PUBLISHED && known.wasVerified()) {
                known.restore(verified, at);
            } else {
                known.markVerified(verified, at);
            }
        }, () -> artifacts.add(Artifact.verified(this, verified, at)));
    }

    /** A quarantined file fetched again, which must be the bytes first verified whatever the release's state. */
    void recordRepaired(VerifiedArtifact verified, Instant at) {
        artifact(verified.name()).orElseThrow(() -> new IllegalStateException("release " + this + " has no " + verified.name()))
                .restore(verified, at);
    }

    /** @return on how many polls upstream has now answered 404 for the file */
    int recordAbsent(String name) {
        Optional<Artifact> known = artifact(name);
        if (known.isPresent()) {
            return known.get().markAbsentAgain();
        }
        artifacts.add(Artifact.absent(this, name));
        return 1;
    }

    Optional<Artifact> artifact(String name) {
        return artifacts.stream().filter(artifact -> artifact.name().equals(name)).findFirst();
    }

    Long id() {
        return id;
    }

    Channel channel() {
        return channel;
    }

    String board() {
        return board;
    }

    String version() {
        return version;
    }

    String versionTxt() {
        return versionTxt;
    }

    ReleaseState state() {
        return state;
    }

    String failureReason() {
        return failureReason;
    }

    String failureDetail() {
        return failureDetail;
    }

    int attempts() {
        return attempts;
    }

    Instant discoveredAt() {
        return discoveredAt;
    }

    Instant publishedAt() {
        return publishedAt;
    }

    Instant lastAttemptAt() {
        return lastAttemptAt == null ? discoveredAt : lastAttemptAt;
    }

    Instant prunedAt() {
        return prunedAt;
    }

    List<Artifact> artifacts() {
        return List.copyOf(artifacts);
    }

    @Override
    public String toString() {
        return (channel == null ? "?" : channel.name()) + "/" + board + "/" + version;
    }
}
