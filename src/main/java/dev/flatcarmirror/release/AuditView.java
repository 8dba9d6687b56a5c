package dev.flatcarmirror.release;

import java.time.Instant;

/**
 * An entry of {@code GET /admin/audit}.
 *
 * @param actor  the admin credential's name, or {@code system} for the policy's own moves
 * @param action a {@link ReleaseAction} code
 * @param before the version the board served before, {@code after} the one it serves after (null: none)
 */
public record AuditView(long id, Instant at, String actor, String channel, String board, String action, String version,
                        String reason, String before, String after) {
}
