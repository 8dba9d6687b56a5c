package dev.flatcarmirror.channel;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The configured channels and their boards: what exists, found by name, or a 404 naming what does not.
 * Every feature asks here instead of reading {@code mirror.channels} itself.
 */
@Component
public class Channels {

    private final MirrorProperties properties;

    Channels(MirrorProperties properties) {
        this.properties = properties;
    }

    /** In configuration order. */
    public List<ChannelProperties> all() {
        return properties.channels();
    }

    public Optional<ChannelProperties> find(String name) {
        return properties.channel(name);
    }

    /** Whether the channel is configured with this board; for values that come from a client. */
    public boolean isMirrored(String channel, String board) {
        return find(channel).map(config -> config.boards().contains(board)).orElse(false);
    }

    public ChannelProperties channel(String name) {
        return find(name).orElseThrow(() -> NotFoundException.unknownChannel(name));
    }

    public ChannelProperties channelWithBoard(String name, String board) {
        ChannelProperties channel = channel(name);
        if (!channel.boards().contains(board)) {
            throw NotFoundException.unknownBoard(channel, board);
        }
        return channel;
    }
}
