package dev.flatcarmirror.release;

import dev.flatcarmirror.channel.ChannelProperties;
import java.time.Duration;
import java.util.List;

/** An internal channel with the mirrored channel it follows, its configuration checked against that channel. */
public record InternalChannel(InternalChannelProperties properties, ChannelProperties followed) {

    public String name() {
        return properties.name();
    }

    public Duration soak() {
        return properties.soak();
    }

    public boolean approval() {
        return properties.approval();
    }

    /** Its own boards, or all of the followed channel's. */
    public List<String> boards() {
        return properties.boards().isEmpty() ? followed.boards() : properties.boards();
    }

    /**
     * The followed channel's settings under this channel's name and boards, for readers that show any channel alike;
     * its base URL is the followed channel's upstream, where the releases come from.
     */
    public ChannelProperties asChannel() {
        return new ChannelProperties(name(), followed.baseUrl(), boards(), followed.artifacts(), followed.allowAnyStage(),
                followed.maxAge(), followed.retention());
    }
}
