package dev.flatcarmirror.ignition;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A named config: who may fetch it (a token, client networks) and which version is current. Its content
 * lives in {@link IgnitionConfigVersion} rows, one per change, never updated. Deleting keeps the rows: a
 * deleted config is not served or listed, and putting it again continues its history.
 */
@Entity
@Table(name = "ignition_config")
class IgnitionConfig {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    /** Null when the config needs no token. */
    private String accessToken;

    /** Comma-separated CIDRs; null when any client may fetch it. */
    private String allowedNetworks;

    private int currentVersion;

    private Instant updatedAt;

    private Instant deletedAt;

    protected IgnitionConfig() {
    }

    IgnitionConfig(String name) {
        this.name = name;
    }

    /** The next version of the content; refused when the content is what the current version already holds. */
    IgnitionConfigVersion newVersion(String content, String sha256, String reason, Instant at, String currentSha256) {
        if (!isDeleted() && sha256.equals(currentSha256)) {
            throw new IllegalStateException("config " + name + " version " + currentVersion + " already has this content");
        }
        currentVersion++;
        updatedAt = at;
        deletedAt = null;
        return new IgnitionConfigVersion(this, currentVersion, content, sha256, reason, at);
    }

    /** Requires a token from now on, keeping the one it has. */
    void requireToken(String generated) {
        if (accessToken == null) {
            accessToken = generated;
        }
    }

    void rotateToken(String generated) {
        accessToken = generated;
    }

    void openToAnyoneWithTheUrl() {
        accessToken = null;
    }

    void restrictTo(Networks networks) {
        allowedNetworks = networks.isAny() ? null : networks.toString();
    }

    void markDeleted(Instant at) {
        if (isDeleted()) {
            throw new IllegalStateException("config " + name + " is already deleted");
        }
        deletedAt = at;
        updatedAt = at;
    }

    boolean isDeleted() {
        return deletedAt != null;
    }

    boolean hasVersions() {
        return currentVersion > 0;
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    String accessToken() {
        return accessToken;
    }

    Networks networks() {
        return Networks.parse(allowedNetworks == null ? List.of() : List.of(allowedNetworks.split(",")));
    }

    int currentVersion() {
        return currentVersion;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
