package dev.flatcarmirror.admin;

import java.util.List;

/**
 * The answer to a sync request.
 *
 * @param queued  false when a poll of the channel was already waiting to start and covers this request
 * @param history where the outcome will show
 */
record SyncRequested(String channel, List<String> boards, boolean queued, String history) {
}
