package dev.flatcarmirror.release;

import dev.flatcarmirror.channel.ChannelProperties;
import java.security.Principal;
import java.util.List;
import jakarta.persistence.OptimisticLockException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin operations on internal channels (under /admin, so behind the admin credentials) and the audit log.
 * The actor of each entry is the name of the credential that made the request.
 */
@RestController
@RequestMapping("/admin")
class ReleaseControlController {

    private final ReleaseControl control;
    private final CurrentReleases current;
    private final AuditLog audit;
    private final ReleaseControlMetrics metrics;

    ReleaseControlController(ReleaseControl control, CurrentReleases current, AuditLog audit, ReleaseControlMetrics metrics) {
        this.control = control;
        this.current = current;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * {@code {"board": "amd64-usr", "version": "...", "reason": "..."}}; board defaults to amd64-usr.
     */
    record Operation(String board, String version, String reason) {

        String boardOrDefault() {
            return board == null || board.isBlank() ? ChannelProperties.DEFAULT_BOARD : board;
        }

        String requiredReason() {
            if (reason == null || reason.isBlank()) {
                throw ReleaseControlException.missing("reason", "every release control operation says why; it goes to the audit log");
            }
            return reason.strip();
        }

        String requiredVersion() {
            if (version == null || version.isBlank()) {
                throw ReleaseControlException.missing("version", "the version of the followed channel this operation is about");
            }
            return version.strip();
        }
    }

    /** What an operation answers: the board's control state and why it serves what it serves now. */
    record Outcome(BoardControl control, ChannelPolicy policy) {
    }

    @PostMapping("/channels/{channel}/hold")
    Outcome hold(@PathVariable String channel, @RequestBody(required = false) Operation body, Principal principal) {
        Operation op = orEmpty(body);
        String reason = op.requiredReason();
        control.hold(channel, op.boardOrDefault(), principal.getName(), reason);
        return outcome(channel, op);
    }

    @PostMapping("/channels/{channel}/unhold")
    Outcome unhold(@PathVariable String channel, @RequestBody(required = false) Operation body, Principal principal) {
        Operation op = orEmpty(body);
        String reason = op.requiredReason();
        control.unhold(channel, op.boardOrDefault(), principal.getName(), reason);
        return outcome(channel, op);
    }

    @PostMapping("/channels/{channel}/pin")
    Outcome pin(@PathVariable String channel, @RequestBody(required = false) Operation body, Principal principal) {
        Operation op = orEmpty(body);
        String reason = op.requiredReason();
        control.pin(channel, op.boardOrDefault(), op.requiredVersion(), principal.getName(), reason);
        return outcome(channel, op);
    }

    @PostMapping("/channels/{channel}/unpin")
    Outcome unpin(@PathVariable String channel, @RequestBody(required = false) Operation body, Principal principal) {
        Operation op = orEmpty(body);
        String reason = op.requiredReason();
        control.unpin(channel, op.boardOrDefault(), principal.getName(), reason);
        return outcome(channel, op);
    }

    @PostMapping("/channels/{channel}/promote")
    Outcome promote(@PathVariable String channel, @RequestBody(required = false) Operation body, Principal principal) {
        Operation op = orEmpty(body);
        String reason = op.requiredReason();
        control.promote(channel, op.boardOrDefault(), op.requiredVersion(), principal.getName(), reason);
        return outcome(channel, op);
    }

    @PostMapping("/channels/{channel}/rollback")
    Outcome rollback(@PathVariable String channel, @RequestBody(required = false) Operation body, Principal principal) {
        Operation op = orEmpty(body);
        String reason = op.requiredReason();
        control.rollback(channel, op.boardOrDefault(), op.requiredVersion(), principal.getName(), reason);
        return outcome(channel, op);
    }

    /**
     * The policy's evaluation changed the board meanwhile: nothing was done, and asking again is safe. JPA's own
     * exception too: the version check may run at the flush before the catalog's change counter moves, outside
     * Spring's translation.
     */
    @ExceptionHandler({OptimisticLockingFailureException.class, OptimisticLockException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        return ReleaseControlException.conflict("the channel changed while this request was made (the policy moved it); "
                + "nothing was done, send the request again").getBody();
    }

    /** Newest first; {@code channel} narrows it to one channel, {@code limit} 1 to 500. */
    @GetMapping("/audit")
    List<AuditView> audit(@RequestParam(required = false) String channel, @RequestParam(defaultValue = "100") int limit) {
        return audit.latest(channel, Math.max(1, Math.min(limit, 500)));
    }

    private Outcome outcome(String channel, Operation op) {
        metrics.refresh();
        return new Outcome(current.control(channel, op.boardOrDefault()), current.policy(channel, op.boardOrDefault()).orElseThrow());
    }

    private static Operation orEmpty(Operation body) {
        return body == null ? new Operation(null, null, null) : body;
    }
}
