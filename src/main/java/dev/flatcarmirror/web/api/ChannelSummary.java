package dev.flatcarmirror.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flatcarmirror.catalog.BoardStatus;
import dev.flatcarmirror.catalog.SyncError;
import dev.flatcarmirror.channel.BoardView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Freshness;
import dev.flatcarmirror.channel.StreamView;
import dev.flatcarmirror.release.ChannelPolicy;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A channel in {@code GET /channels}.
 *
 * @param current            the current version per board (absent while nothing is published)
 * @param lastSuccessfulSync the latest poll that ended without error, over all boards
 * @param lastError          the latest error of a board whose last poll failed
 * @param freshness          per board: PENDING, FRESH, FAILING or STALE (no new release or no successful poll for max-age)
 * @param streams            the boards' streams besides current/ (LTS's current-YYYY); absent when there are none
 * @param policy             for an internal channel, per board: what it follows and why it serves what it serves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChannelSummary(String name, String baseUrl, List<String> boards, Map<String, String> current,
                      Instant lastSuccessfulSync, BoardError lastError, Map<String, Freshness> freshness,
                      List<BoardStatus> boardStatus, List<StreamSummary> streams, Map<String, ChannelPolicy> policy) {

    record BoardError(String board, String reason, String detail, Instant at) {
    }

    /**
     * A stream of a board besides current/.
     *
     * @param supported false once lts-info (or the configuration) no longer lists it: not polled, its last release still served
     * @param freshness as a board's, while supported
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StreamSummary(String board, String stream, String current, boolean supported, Instant unsupportedSince,
                         Instant lastSuccessfulSync, SyncError lastError, Freshness freshness) {

        static StreamSummary of(StreamView view) {
            BoardStatus status = view.status().board();
            return new StreamSummary(view.board(), view.stream(), status.currentVersion(), view.status().supported(),
                    view.status().unsupportedSince(), status.lastSuccessfulSync(), status.lastError(), view.freshness());
        }
    }

    static ChannelSummary of(ChannelProperties channel, List<BoardView> boards, Map<String, ChannelPolicy> policy,
                             List<StreamView> streams) {
        List<BoardStatus> statuses = boards.stream().map(BoardView::status).toList();
        Map<String, String> current = new LinkedHashMap<>();
        statuses.stream().filter(status -> status.currentVersion() != null)
                .forEach(status -> current.put(status.board(), status.currentVersion()));
        Instant lastSuccess = statuses.stream().map(BoardStatus::lastSuccessfulSync).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        BoardError lastError = statuses.stream().filter(status -> status.lastError() != null)
                .max(Comparator.comparing(status -> status.lastError().at()))
                .map(status -> {
                    SyncError error = status.lastError();
                    return new BoardError(status.board(), error.reason(), error.detail(), error.at());
                })
                .orElse(null);
        Map<String, Freshness> freshness = new LinkedHashMap<>();
        boards.forEach(board -> freshness.put(board.board(), board.freshness()));
        return new ChannelSummary(channel.name(), channel.baseUrl(), channel.boards(), current, lastSuccess, lastError,
                freshness, statuses, streams.isEmpty() ? null : streams.stream().map(StreamSummary::of).toList(), policy);
    }
}
