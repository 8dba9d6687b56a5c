package dev.flatcarmirror.retention;

import dev.flatcarmirror.catalog.Catalog;
import dev.flatcarmirror.catalog.RetainedRelease;
import dev.flatcarmirror.catalog.StoredFile;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.MirrorProperties;
import dev.flatcarmirror.lock.Locks;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plans and carries out retention, board by board, each under the board's sync lock so that no download of
 * that board runs meanwhile on any replica. The dry run and the pass compute the plan the same way; the pass
 * then withdraws what it prunes (one transaction with its history entry) and deletes what is due: the objects
 * first, then the rows, so a failure in between leaves a pruned row to retry, never a row without its files
 * being served. A client of this instance still reading a deleted file reads it to its end ({@link ObjectStore#remove}).
 */
@Component
class RetentionPass {

    private static final Logger log = LoggerFactory.getLogger(RetentionPass.class);

    private final MirrorProperties mirror;
    private final RetentionProperties properties;
    private final Catalog catalog;
    private final CurrentReleases inUse;
    private final ObjectStore store;
    private final Locks locks;
    private final MeterRegistry registry;
    private final Clock clock;

    RetentionPass(MirrorProperties mirror, RetentionProperties properties, Catalog catalog, CurrentReleases inUse, ObjectStore store, Locks locks,
                  MeterRegistry registry, Clock clock) {
        this.mirror = mirror;
        this.properties = properties;
        this.catalog = catalog;
        this.inUse = inUse;
        this.store = store;
        this.locks = locks;
        this.registry = registry;
        this.clock = clock;
    }

    /** The dry run: exactly what {@link #run()} would do now. */
    RetentionPlan plan() {
        Instant now = clock.instant();
        List<RetentionPlan.Board> boards = new ArrayList<>();
        for (ChannelProperties channel : mirror.channels()) {
            for (String board : channel.boards()) {
                boards.add(policy().plan(channel, board, catalog.retention(channel.name(), board), inUse.inUse(channel.name(), board), now));
            }
        }
        return new RetentionPlan(now, properties.deleteDelay(), boards);
    }

    /** One pass; a board being synced right now is skipped and says so in the report. */
    RetentionPlan run() throws InterruptedException {
        Instant now = clock.instant();
        List<RetentionPlan.Board> boards = new ArrayList<>();
        for (ChannelProperties channel : mirror.channels()) {
            for (String board : channel.boards()) {
                RetentionPlan.Board[] done = new RetentionPlan.Board[1];
                boolean ran = locks.tryRun(Locks.board(channel.name(), board), () -> done[0] = apply(channel, board));
                boards.add(ran ? done[0] : policy().plan(channel, board, List.of(), Set.of(), now)
                        .skippedBecause("the board is being synced; it is pruned at the next pass"));
            }
        }
        return new RetentionPlan(now, properties.deleteDelay(), boards);
    }

    private RetentionPlan.Board apply(ChannelProperties channel, String board) {
        List<RetainedRelease> releases = catalog.retention(channel.name(), board);
        RetentionPlan.Board plan = policy().plan(channel, board, releases, inUse.inUse(channel.name(), board), clock.instant());
        for (RetentionPlan.Prune prune : plan.prune()) {
            catalog.prune(channel.name(), board, prune.version(), reason(prune), prune.detail() + "; files deleted after " + prune.deleteAfter());
            log.info("Pruned {} {} {} ({}: {}); {} file(s), {} bytes, deleted after {}", channel.name(), board, prune.version(),
                    prune.reason(), prune.detail(), prune.files(), prune.bytes(), prune.deleteAfter());
            Counter.builder("flatcar_mirror_releases_pruned")
                    .description("Releases retention withdrew from service (their files are deleted after mirror.retention.delete-delay)")
                    .tags("channel", channel.name(), "board", board).register(registry).increment();
        }
        Map<String, RetainedRelease> byVersion = releases.stream().collect(Collectors.toMap(RetainedRelease::version, Function.identity()));
        List<RetentionPlan.Deletion> deleted = new ArrayList<>();
        for (RetentionPlan.Deletion deletion : plan.delete()) {
            if (delete(byVersion.get(deletion.version()))) {
                deleted.add(deletion);
            }
        }
        return new RetentionPlan.Board(plan.channel(), plan.board(), plan.keep(), plan.keepFor(), plan.prune(), deleted,
                plan.pending(), plan.kept(), null);
    }

    private boolean delete(RetainedRelease release) {
        try {
            for (StoredFile object : release.objects()) {
                store.remove(new ObjectKey(object.storageKey()));
            }
        } catch (IOException e) {
            log.warn("Could not delete the files of pruned {} {} {}; the next pass tries again: {}", release.channel(),
                    release.board(), release.version(), e.toString());
            return false;
        }
        catalog.purge(release.channel(), release.board(), release.version());
        log.info("Deleted pruned {} {} {}: {} file(s), {} bytes", release.channel(), release.board(), release.version(),
                release.objects().size(), release.bytes());
        Counter.builder("flatcar_mirror_pruned_bytes")
                .description("Bytes of pruned releases' files deleted from the object store")
                .baseUnit(BaseUnits.BYTES)
                .tags("channel", release.channel(), "board", release.board()).register(registry).increment(release.bytes());
        return true;
    }

    private RetentionPolicy policy() {
        return new RetentionPolicy(properties.deleteDelay(), properties.abandonedAfter());
    }

    private static RetentionReason reason(RetentionPlan.Prune prune) {
        return RetentionReason.valueOf(prune.reason().toUpperCase(java.util.Locale.ROOT));
    }
}
