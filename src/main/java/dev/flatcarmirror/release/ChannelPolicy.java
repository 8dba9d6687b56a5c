package dev.flatcarmirror.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;

/**
 * Why an internal channel's board serves what it serves, in the API ({@code policy}) and on the pages.
 *
 * @param state     a {@link PolicyState} code
 * @param candidate the newer release of the followed channel that waits (soaking, for approval, behind a hold or pin)
 * @param until     when the candidate will have soaked
 * @param summary   the same in one sentence, e.g. "following stable, soaking 1001.2.0 until 2026-08-19T09:30:00Z"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelPolicy(String follows, Duration soak, boolean approval, String state, String current, String candidate,
                            Instant until, BoardControl.Mark held, BoardControl.Mark pinned, Instant lastAdvancedAt, String summary) {

    static ChannelPolicy of(InternalChannel channel, BoardControl control, SoakPolicy.Decision decision) {
        return new ChannelPolicy(channel.followed().name(), channel.soak(), channel.approval(), decision.state().code(),
                control.served(), decision.candidate(), decision.until(), control.held(), control.pinned(), control.lastAdvancedAt(),
                sentence(channel, control, decision));
    }

    private static String sentence(InternalChannel channel, BoardControl control, SoakPolicy.Decision decision) {
        String following = "following " + channel.followed().name();
        String waiting = decision.candidate() == null ? "" : "; " + decision.candidate() + " waits";
        return switch (decision.state()) {
            case PINNED -> "pinned to " + control.pinned().version() + " since " + seconds(control.pinned().since()) + " by "
                    + control.pinned().by() + ": " + control.pinned().reason() + waiting;
            case HELD -> "held since " + seconds(control.held().since()) + " by " + control.held().by() + ": " + control.held().reason()
                    + waiting;
            case SOAKING -> following + ", soaking " + decision.candidate() + " until " + seconds(decision.until());
            case AWAITING_APPROVAL -> following + ", " + decision.candidate() + " awaits promotion";
            case WAITING -> following + ", nothing has " + (channel.approval() ? "been promoted" : "soaked") + " yet";
            case UP_TO_DATE -> following + ", up to date at " + control.served();
        };
    }

    private static Instant seconds(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
