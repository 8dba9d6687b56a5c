package dev.flatcarmirror.channel;

import dev.flatcarmirror.catalog.StreamStatus;

/**
 * One stream of a board other than {@code current/} as it stands now. {@code freshness} is that of a board
 * ({@link Freshness}) while the stream is supported, and null once it is not: it is then neither polled nor expected
 * to move, and its age says nothing about the mirror.
 */
public record StreamView(ChannelProperties channel, StreamStatus status, Freshness freshness) {

    public String channelName() {
        return channel.name();
    }

    public String board() {
        return status.board().board();
    }

    public String stream() {
        return status.stream();
    }

    /** {@code channel/board/stream}, unique over the mirror. */
    public String key() {
        return channel.name() + "/" + board() + "/" + stream();
    }
}
