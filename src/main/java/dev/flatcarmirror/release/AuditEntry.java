package dev.flatcarmirror.release;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change of an internal channel, as the audit log keeps it; written once, never changed. */
@Entity
@Table(name = "release_audit")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant occurredAt;
    private String actor;
    private String channel;
    private String board;
    @Enumerated(EnumType.STRING)
    private ReleaseAction action;
    private String version;
    private String reason;
    private String beforeVersion;
    private String afterVersion;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, String actor, String channel, String board, ReleaseAction action, String version,
               String reason, String beforeVersion, String afterVersion) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.channel = channel;
        this.board = board;
        this.action = action;
        this.version = version;
        this.reason = reason;
        this.beforeVersion = beforeVersion;
        this.afterVersion = afterVersion;
    }

    AuditView view() {
        return new AuditView(id, occurredAt, actor, channel, board, action.code(), version, reason, beforeVersion, afterVersion);
    }
}
