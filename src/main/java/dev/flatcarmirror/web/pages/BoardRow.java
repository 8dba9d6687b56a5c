package dev.flatcarmirror.web.pages;

/**
 * How one board of a channel stands, as the front page and the channel page show it.
 *
 * @param freshness   {@code pending}, {@code fresh}, {@code failing} or {@code stale}, also the badge's CSS class
 * @param reason      why, in the words of {@link dev.flatcarmirror.channel.Freshness}
 * @param lastError   the error of the last poll, while polls fail
 */
record BoardRow(String channel, String board, String url, String currentVersion, String currentUrl, When publishedAt,
                String freshness, String reason, When lastCheckedAt, LastError lastError) {

    record LastError(String reason, String detail, When at) {
    }

    public String freshnessLabel() {
        return Character.toUpperCase(freshness.charAt(0)) + freshness.substring(1);
    }

    /** A failing board's reason is its last error, shown once. */
    public boolean reasonIsLastError() {
        return lastError != null && "failing".equals(freshness);
    }
}
