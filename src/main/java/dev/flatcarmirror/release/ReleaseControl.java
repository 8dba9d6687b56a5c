package dev.flatcarmirror.release;

import dev.flatcarmirror.catalog.CatalogChanges;
import dev.flatcarmirror.catalog.CatalogQueries;
import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of an internal channel's state, each one transaction with its audit entry: the policy's advance
 * and the admin operations. Operations that free the board (unhold, unpin, promote) let the policy move it in the
 * same transaction, so their answer already shows where it went.
 */
@Service
@Transactional
public class ReleaseControl {

    /** The actor of the policy's own moves in the audit log. */
    static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(ReleaseControl.class);

    private final ServedChannels channels;
    private final CatalogQueries catalog;
    private final InternalBoardRepository boards;
    private final PromotionRepository promotions;
    private final AuditRepository audit;
    private final CatalogChanges changes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReleaseControl(ServedChannels channels, CatalogQueries catalog, InternalBoardRepository boards, PromotionRepository promotions,
                   AuditRepository audit, CatalogChanges changes, ApplicationEventPublisher events, Clock clock) {
        this.channels = channels;
        this.catalog = catalog;
        this.boards = boards;
        this.promotions = promotions;
        this.audit = audit;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Lets the policy move every board of every internal channel that may move; what the schedule runs.
     *
     * @return when the earliest soak still running ends, the next moment a board may move
     */
    public Optional<Instant> advanceAll() {
        Optional<Instant> next = Optional.empty();
        for (InternalChannel channel : channels.internalChannels()) {
            for (String board : channel.boards()) {
                Optional<Instant> soakEnd = advance(channel, board(channel.name(), board));
                if (soakEnd.isPresent() && (next.isEmpty() || soakEnd.get().isBefore(next.get()))) {
                    next = soakEnd;
                }
            }
        }
        return next;
    }

    BoardControl hold(String channel, String board, String actor, String reason) {
        InternalBoard state = board(internal(channel, board).name(), board);
        state.hold(actor, reason, clock.instant());
        return record(state, actor, ReleaseAction.HELD, null, reason, state.served());
    }

    BoardControl unhold(String channel, String board, String actor, String reason) {
        InternalChannel internal = internal(channel, board);
        InternalBoard state = board(channel, board);
        state.unhold();
        record(state, actor, ReleaseAction.UNHELD, null, reason, state.served());
        advance(internal, state);
        return state.view();
    }

    BoardControl pin(String channel, String board, String version, String actor, String reason) {
        published(internal(channel, board), board, version);
        InternalBoard state = board(channel, board);
        String before = state.served();
        state.pin(version, actor, reason, clock.instant());
        return record(state, actor, ReleaseAction.PINNED, version, reason, before);
    }

    BoardControl unpin(String channel, String board, String actor, String reason) {
        InternalChannel internal = internal(channel, board);
        InternalBoard state = board(channel, board);
        String before = state.served();
        state.unpin();
        record(state, actor, ReleaseAction.UNPINNED, null, reason, before);
        advance(internal, state);
        return state.view();
    }

    BoardControl promote(String channel, String board, String version, String actor, String reason) {
        InternalChannel internal = internal(channel, board);
        if (!internal.approval()) {
            throw ReleaseControlException.conflict("channel '" + channel + "' has no approval step (mirror.internal-channels[]"
                    + ".approval is false): its releases become current once soaked, without promotion");
        }
        published(internal, board, version);
        if (promotions.existsByChannelAndBoardAndVersion(channel, board, version)) {
            throw ReleaseControlException.conflict(version + " is already promoted on " + channel + "/" + board);
        }
        InternalBoard state = board(channel, board);
        promotions.save(new Promotion(channel, board, version, clock.instant(), actor, reason));
        record(state, actor, ReleaseAction.PROMOTED, version, reason, state.served());
        advance(internal, state);
        return state.view();
    }

    BoardControl rollback(String channel, String board, String version, String actor, String reason) {
        published(internal(channel, board), board, version);
        InternalBoard state = board(channel, board);
        String before = state.served();
        state.rollBackTo(version, actor, reason, clock.instant());
        return record(state, actor, ReleaseAction.ROLLED_BACK, version, reason, before);
    }

    /** @return when the board's next soak ends; empty while it is held or pinned, since time does not move it then */
    private Optional<Instant> advance(InternalChannel channel, InternalBoard state) {
        if (state.isHeld() || state.isPinned()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<ReleaseView> followed = catalog.releases(channel.followed().name(), state.board());
        Set<String> promoted = channel.approval() ? promotedVersions(channel.name(), state.board()) : Set.of();
        SoakPolicy.Decision decision = SoakPolicy.decide(channel, state.view(), followed, promoted, now);
        decision.target().ifPresent(version -> {
            String before = state.served();
            ReleaseView release = followed.stream().filter(candidate -> candidate.version().equals(version)).findFirst().orElseThrow();
            state.advanceTo(version, now);
            String why = "published on the mirror at " + release.publishedAt() + ", soak " + channel.soak()
                    + (channel.approval() ? ", promoted" : "");
            record(state, SYSTEM, ReleaseAction.ADVANCED, version, why, before);
            log.info("Internal channel {} board {} advanced from {} to {} ({})", channel.name(), state.board(), before, version, why);
        });
        return SoakPolicy.nextSoakEnd(channel, state.served(), followed, promoted, now);
    }

    Set<String> promotedVersions(String channel, String board) {
        return promotions.findByChannelAndBoard(channel, board).stream().map(Promotion::version).collect(Collectors.toSet());
    }

    private BoardControl record(InternalBoard state, String actor, ReleaseAction action, String version, String reason, String before) {
        audit.save(new AuditEntry(clock.instant(), actor, state.channel(), state.board(), action, version, reason, before, state.served()));
        if (!SYSTEM.equals(actor)) {
            // The schedule evaluates again after the commit: a soak that ends before its next round is then waited for.
            events.publishEvent(new BoardControlChanged(state.channel(), state.board(), action));
        }
        // What internal channels serve is cached with the catalog's answers: drop them here and on the other replicas.
        changes.record(action.code() + " " + state.channel() + "/" + state.board());
        return state.view();
    }

    /** The internal channel with this board: 404 for an unknown channel or board, 409 for a mirrored channel. */
    private InternalChannel internal(String channel, String board) {
        channels.channelWithBoard(channel, board);
        return channels.internalChannel(channel).orElseThrow(() -> ReleaseControlException.notInternal(channel));
    }

    /** A stored published release of the followed channel, or a 404 naming it. */
    private ReleaseView published(InternalChannel channel, String board, String version) {
        return catalog.release(channel.followed().name(), board, version).filter(SoakPolicy::servable)
                .orElseThrow(() -> NotFoundException.unservableRelease(channel.followed().name(), board, version, channel.name()));
    }

    private InternalBoard board(String channel, String board) {
        return boards.findByChannelAndBoard(channel, board).orElseGet(() -> boards.save(new InternalBoard(channel, board)));
    }
}
