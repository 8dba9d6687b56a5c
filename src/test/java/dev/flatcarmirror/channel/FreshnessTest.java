package dev.flatcarmirror.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.SyncError;
import dev.flatcarmirror.channel.Freshness.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static final Instant NOW = Instant.parse("2026-08-12T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(30);
    private static final ChannelProperties STABLE = new ChannelProperties("stable", "https://stable.release.example",
            List.of("amd64-usr"), List.of("flatcar_production_image.bin.bz2"), false, MAX_AGE, null);

    @Test
    void boardWithNothingYetShouldBePending() {
        Freshness freshness = Freshness.of(STABLE, BoardStatus.pending("amd64-usr"), NOW);

        assertThat(freshness.state()).isEqualTo(State.PENDING);
        assertThat(freshness.reason()).isEqualTo("nothing published yet");
    }

    @Test
    void boardWhoseLastPollSucceededShouldBeFreshNamingItsCurrentVersion() {
        Freshness freshness = Freshness.of(STABLE, served("4593.2.5", NOW.minus(Duration.ofDays(3)), NOW.minusSeconds(60), null), NOW);

        assertThat(freshness.state()).isEqualTo(State.FRESH);
        assertThat(freshness.reason()).isEqualTo("current 4593.2.5");
    }

    @Test
    void releasePublishedExactlyMaxAgeAgoShouldStillBeFresh() {
        assertThat(Freshness.of(STABLE, served("4593.2.5", NOW.minus(MAX_AGE), NOW, null), NOW).state()).isEqualTo(State.FRESH);
    }

    @Test
    void releasePublishedLongerThanMaxAgeAgoShouldBeStaleEvenWhilePollsSucceed() {
        Freshness freshness = Freshness.of(STABLE, served("4593.2.5", NOW.minus(MAX_AGE).minusSeconds(1), NOW, null), NOW);

        assertThat(freshness.state()).as("a frozen upstream answers every poll").isEqualTo(State.STALE);
        assertThat(freshness.reason()).contains("4593.2.5", "published more than " + MAX_AGE, "upstream has not moved");
    }

    @Test
    void failingPollShouldBeFailingWithItsReasonAndDetail() {
        Freshness freshness = Freshness.of(STABLE,
                served("4593.2.5", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)), error("server_error", "answered 503")), NOW);

        assertThat(freshness.state()).isEqualTo(State.FAILING);
        assertThat(freshness.reason()).isEqualTo("server_error: answered 503");
    }

    @Test
    void pollsFailingForExactlyMaxAgeShouldStillBeFailing() {
        BoardStatus status = served("4593.2.5", NOW.minus(Duration.ofDays(10)), NOW.minus(MAX_AGE), error("timeout", "no answer"));

        assertThat(Freshness.of(STABLE, status, NOW).state()).isEqualTo(State.FAILING);
    }

    @Test
    void pollsFailingForLongerThanMaxAgeShouldBeStaleNamingTheReason() {
        BoardStatus status = served("4593.2.5", NOW.minus(Duration.ofDays(10)), NOW.minus(MAX_AGE).minusSeconds(1), error("timeout", "no answer"));

        Freshness freshness = Freshness.of(STABLE, status, NOW);

        assertThat(freshness.state()).isEqualTo(State.STALE);
        assertThat(freshness.reason()).isEqualTo("polls have failed for more than " + MAX_AGE + ": timeout");
    }

    @Test
    void failingWithoutAnySuccessfulPollShouldCountFromThePublicationInstead() {
        BoardStatus recent = served("4593.2.5", NOW.minus(Duration.ofDays(29)), null, error("timeout", "no answer"));
        BoardStatus old = served("4593.2.5", NOW.minus(MAX_AGE).minusSeconds(1), null, error("timeout", "no answer"));

        assertThat(Freshness.of(STABLE, recent, NOW).state()).isEqualTo(State.FAILING);
        assertThat(Freshness.of(STABLE, old, NOW).state()).isEqualTo(State.STALE);
    }

    @Test
    void boardThatNeverSucceededShouldBeFailingNotStaleNorPending() {
        BoardStatus status = new BoardStatus("arm64-usr", null, null, NOW, null, error("upstream_status", "answered 404"));

        Freshness freshness = Freshness.of(STABLE, status, NOW.plus(Duration.ofDays(365)));

        assertThat(freshness.state()).as("nothing to be stale about yet").isEqualTo(State.FAILING);
        assertThat(freshness.reason()).isEqualTo("upstream_status: answered 404");
    }

    @Test
    void maxAgeShouldBeTheChannelsOwn() {
        ChannelProperties alpha = new ChannelProperties("alpha", "https://alpha.release.example", List.of("amd64-usr"),
                List.of("flatcar_production_image.bin.bz2"), false, Duration.ofDays(21), null);
        BoardStatus status = served("4600.0.0", NOW.minus(Duration.ofDays(25)), NOW, null);

        assertThat(Freshness.of(alpha, status, NOW).state()).isEqualTo(State.STALE);
        assertThat(Freshness.of(STABLE, status, NOW).state()).isEqualTo(State.FRESH);
    }

    private static BoardStatus served(String version, Instant publishedAt, Instant lastSuccess, SyncError error) {
        Instant checked = error != null ? error.at() : lastSuccess;
        return new BoardStatus("amd64-usr", version, publishedAt, checked, lastSuccess, error);
    }

    private static SyncError error(String reason, String detail) {
        return new SyncError(reason, detail, NOW.minusSeconds(30));
    }
}
