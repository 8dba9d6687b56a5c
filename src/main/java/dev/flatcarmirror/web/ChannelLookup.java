package dev.flatcarmirror.web;

import dev.flatcarmirror.Untrusted;
import dev.flatcarmirror.sync.ChannelProperties;
import dev.flatcarmirror.sync.MirrorProperties;
import org.springframework.stereotype.Component;

/** Resolves the channel and board of a request against the configuration, or answers 404 naming which. */
@Component
public class ChannelLookup {

    private final MirrorProperties properties;

    ChannelLookup(MirrorProperties properties) {
        this.properties = properties;
    }

    public ChannelProperties channel(String name) {
        return properties.channel(name).orElseThrow(() -> new NotFoundException("Unknown channel",
                "channel '" + Untrusted.shown(name) + "' is not mirrored here"));
    }

    public ChannelProperties channelWithBoard(String name, String board) {
        ChannelProperties channel = channel(name);
        if (!channel.boards().contains(board)) {
            throw new NotFoundException("Unknown board",
                    "board '" + Untrusted.shown(board) + "' of channel '" + name + "' is not mirrored here; boards: " + channel.boards());
        }
        return channel;
    }
}
