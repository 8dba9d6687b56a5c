package dev.flatcarmirror.integrity;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.catalog.QuarantinedFile;
import dev.flatcarmirror.catalog.StoredArtifact;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.lock.Locks;
import dev.flatcarmirror.storage.ObjectDetails;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import dev.flatcarmirror.sync.ReleaseRepair;
import dev.flatcarmirror.sync.RepairResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hashes every stored file again and compares it with what was verified. A file that changed on
 * disk (bit rot, a careless operator, an intruder) is quarantined at once, so it is no longer
 * served, and then fetched again from upstream and verified like new; it is back in service only if upstream
 * still has exactly the bytes first verified. Each board is checked and repaired under its sync lock, so a
 * check never races a download of the same board on any replica.
 */
@Component
class AtRestVerifier {

    private static final Logger log = LoggerFactory.getLogger(AtRestVerifier.class);

    /** The outcome of one pass. */
    public record Report(int checked, int quarantined, int repaired, Instant startedAt, Duration took) {
    }

    private final Catalog catalog;
    private final ObjectStore store;
    private final ReleaseRepair repair;
    private final VerifyAtRestProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Locks locks;
    private final ReentrantLock running = new ReentrantLock();

    AtRestVerifier(Catalog catalog, ObjectStore store, ReleaseRepair repair, VerifyAtRestProperties properties,
                   Clock clock, MeterRegistry registry, Channels channels, Locks locks) {
        this.locks = locks;
        this.catalog = catalog;
        this.store = store;
        this.repair = repair;
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
        // At zero from the start, so that an alert on increase() fires on the first one.
        for (ChannelProperties channel : channels.all()) {
            for (String board : channel.boards()) {
                for (QuarantineReason reason : QuarantineReason.values()) {
                    quarantined(channel.name(), board, reason);
                }
            }
        }
    }

    public boolean isRunning() {
        return running.isLocked();
    }

    /** Runs one pass, unless one is already under way (then empty). */
    public Optional<Report> verifyAll() throws InterruptedException {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            Instant started = clock.instant();
            Tally tally = new Tally();
            if (properties.repair()) {
                repairQuarantined(tally);
            }
            Map<String, List<StoredArtifact>> byBoard = catalog.verifiedArtifacts().stream()
                    .collect(Collectors.groupingBy(artifact -> Locks.board(artifact.channel(), artifact.board()),
                            LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<String, List<StoredArtifact>> board : byBoard.entrySet()) {
                // The board's sync lock: no download of this board, here or on another replica, runs meanwhile.
                locks.run(board.getKey(), () -> {
                    for (StoredArtifact artifact : board.getValue()) {
                        check(artifact, tally);
                    }
                });
            }
            Report report = new Report(tally.checked, tally.quarantined, tally.repaired, started, Duration.between(started, clock.instant()));
            log.info("At-rest check: {} file(s) checked, {} quarantined, {} repaired in {}", tally.checked, tally.quarantined,
                    tally.repaired, report.took());
            return Optional.of(report);
        } finally {
            running.unlock();
        }
    }

    private void check(StoredArtifact artifact, Tally tally) throws InterruptedException {
        tally.checked++;
        Optional<Problem> problem = problem(artifact.file()).or(() -> problem(artifact.signature()));
        if (problem.isEmpty()) {
            return;
        }
        tally.quarantined++;
        String where = artifact.channel() + "/" + artifact.board() + "/" + artifact.version() + "/" + artifact.name();
        log.error("Quarantining {}: {} ({})", where, problem.get().detail(), problem.get().reason().code());
        catalog.quarantine(artifact.id(), problem.get().reason(), problem.get().detail());
        quarantined(artifact.channel(), artifact.board(), problem.get().reason()).increment();
        if (properties.repair() && repair(artifact.channel(), artifact.board(), artifact.version(), artifact.name())) {
            tally.repaired++;
        }
    }

    /** Files quarantined earlier whose repair failed then (upstream was broken too, or sent other bytes) get another chance. */
    private void repairQuarantined(Tally tally) throws InterruptedException {
        for (QuarantinedFile file : catalog.quarantined()) {
            locks.run(Locks.board(file.channel(), file.board()), () -> {
                if (repair(file.channel(), file.board(), file.version(), file.file())) {
                    tally.repaired++;
                }
            });
        }
    }

    private static final class Tally {
        private int checked;
        private int quarantined;
        private int repaired;
    }

    /** Fetches the file again; other bytes than first verified keep it quarantined, as {@code repair_mismatch}. */
    private boolean repair(String channel, String board, String version, String file) throws InterruptedException {
        String where = channel + "/" + board + "/" + version + "/" + file;
        RepairResult result = repair.refetch(channel, board, version, file);
        if (result instanceof RepairResult.Repaired) {
            log.info("Repaired {} from upstream", where);
            return true;
        }
        if (result instanceof RepairResult.Mismatch mismatch) {
            log.error("Keeping {} quarantined: {} ({})", where, mismatch.detail(), QuarantineReason.REPAIR_MISMATCH.code());
            catalog.keepQuarantined(channel, board, version, file, QuarantineReason.REPAIR_MISMATCH, mismatch.detail());
            quarantined(channel, board, QuarantineReason.REPAIR_MISMATCH).increment();
        } else if (result instanceof RepairResult.Failed failed) {
            log.warn("Could not repair {} yet: {} ({})", where, failed.detail(), failed.reason().code());
        }
        return false;
    }

    private Counter quarantined(String channel, String board, QuarantineReason reason) {
        return Counter.builder("flatcar_mirror_quarantined_files")
                .description("Stored files taken out of service by the at-rest check, or kept out by a repair that brought other bytes, by reason")
                .tags("channel", channel, "board", board, "reason", reason.code()).register(registry);
    }

    private record Problem(QuarantineReason reason, String detail) {
    }

    /** What is wrong with the stored copy, if anything. */
    private Optional<Problem> problem(StoredFile expected) {
        ObjectKey key = new ObjectKey(expected.storageKey());
        try {
            Optional<ObjectDetails> details = store.details(key);
            if (details.isEmpty()) {
                return Optional.of(new Problem(QuarantineReason.MISSING_ON_DISK, "missing from the object store"));
            }
            if (details.get().size() != expected.size()) {
                return Optional.of(new Problem(QuarantineReason.CHANGED_ON_DISK,
                        "size is " + details.get().size() + " bytes, verified with " + expected.size()));
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = store.read(key, 0, expected.size())) {
                byte[] buffer = new byte[256 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            return actual.equals(expected.sha256()) ? Optional.empty()
                    : Optional.of(new Problem(QuarantineReason.CHANGED_ON_DISK, "SHA-256 is " + actual + ", verified as " + expected.sha256()));
        } catch (IOException e) {
            return Optional.of(new Problem(QuarantineReason.MISSING_ON_DISK, "missing or unreadable: " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
