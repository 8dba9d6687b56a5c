package dev.flatcarmirror.ignition;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.time.Instant;

/** One version of a config's content, as uploaded; immutable once written. */
@Entity
@Table(name = "ignition_config_version")
class IgnitionConfigVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "config_id")
    private IgnitionConfig config;

    private int version;

    /** A varchar on both databases (H2 would otherwise be expected to hold a CLOB), so the text is read like any column. */
    @Column(length = 10_485_760)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private String content;

    private long sizeBytes;

    private String sha256;

    private String reason;

    private Instant createdAt;

    protected IgnitionConfigVersion() {
    }

    IgnitionConfigVersion(IgnitionConfig config, int version, String content, String sha256, String reason, Instant createdAt) {
        this.config = config;
        this.version = version;
        this.content = content;
        this.sizeBytes = content.getBytes(StandardCharsets.UTF_8).length;
        this.sha256 = sha256;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    int version() {
        return version;
    }

    String content() {
        return content;
    }

    byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    String sha256() {
        return sha256;
    }

    VersionView view() {
        return new VersionView(version, createdAt, sizeBytes, sha256, reason);
    }
}
