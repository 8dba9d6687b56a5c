package dev.flatcarmirror.catalog;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the sync history: something that happened to a channel, and why. */
@Entity
@Table(name = "sync_event")
class SyncEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String channel;

    private String board;

    private String version;

    private String fileName;

    @Convert(converter = SyncEventKind.Column.class)
    private SyncEventKind outcome;

    private String reason;

    private String detail;

    private Instant occurredAt;

    protected SyncEvent() {
    }

    SyncEvent(SyncEventView event) {
        this.channel = event.channel();
        this.board = event.board();
        this.version = event.version();
        this.fileName = event.file();
        this.outcome = event.outcome();
        this.reason = event.reason();
        this.detail = Text.clip(event.detail());
        this.occurredAt = event.occurredAt();
    }

    SyncEventView view() {
        return new SyncEventView(channel, board, version, fileName, outcome, reason, detail, occurredAt);
    }
}
