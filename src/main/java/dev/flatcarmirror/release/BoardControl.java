package dev.flatcarmirror.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The stored control state of an internal channel's board.
 *
 * @param currentVersion what the policy or a rollback made current (a pin, if any, is served instead)
 * @param held           since when, by whom and why it is held; null when it is not
 * @param pinned         the pinned version, since when, by whom and why; null when it is not
 */
public record BoardControl(String channel, String board, String currentVersion, Instant lastAdvancedAt, Mark held, Mark pinned) {

    /** Who did it, when and why; {@code version} for a pin. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mark(String version, Instant since, String by, String reason) {
    }

    static BoardControl none(String channel, String board) {
        return new BoardControl(channel, board, null, null, null, null);
    }

    public String served() {
        return pinned != null ? pinned.version() : currentVersion;
    }
}
