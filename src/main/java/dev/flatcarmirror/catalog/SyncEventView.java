package dev.flatcarmirror.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A sync history entry.
 *
 * @param outcome what happened
 * @param reason  why, a stable code such as {@code bad_signature} or {@code upstream_status}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncEventView(String channel, String board, String version, String file, SyncEventKind outcome,
                            String reason, String detail, Instant occurredAt) {
}
