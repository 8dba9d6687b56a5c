package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.release.AuditView;
import java.time.Instant;

/** An entry of an internal channel's audit log as its page shows it. */
record AuditRow(When at, String actor, String board, String action, String version, String reason, String before, String after) {

    static AuditRow of(AuditView entry, Instant now) {
        return new AuditRow(When.of(entry.at(), now), entry.actor(), entry.board(), entry.action(), entry.version(), entry.reason(),
                entry.before(), entry.after());
    }
}
