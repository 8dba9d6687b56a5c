package dev.flatcarmirror.release;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A version promoted on an internal channel with approval; immutable once written. */
@Entity
@Table(name = "internal_promotion")
class Promotion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String channel;
    private String board;
    private String version;
    private Instant promotedAt;
    private String promotedBy;
    private String reason;

    protected Promotion() {
    }

    Promotion(String channel, String board, String version, Instant promotedAt, String promotedBy, String reason) {
        this.channel = channel;
        this.board = board;
        this.version = version;
        this.promotedAt = promotedAt;
        this.promotedBy = promotedBy;
        this.reason = reason;
    }

    String version() {
        return version;
    }
}
