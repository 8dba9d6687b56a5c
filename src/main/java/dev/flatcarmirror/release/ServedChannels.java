package dev.flatcarmirror.release;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Channels;
import dev.flatcarmirror.channel.NotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every channel the mirror serves: the mirrored ones, then the internal ones, with the same lookups and 404s as
 * {@link Channels}. An internal channel appears as the followed channel's settings under its own name and boards,
 * so the listings and pages show it like any other; whether a name is internal, and its policy, is asked here.
 * A configuration whose internal channels collide with a mirrored name or with each other, follow a channel that
 * is not mirrored, or name a board it does not mirror, stops start-up naming the property.
 */
@Component
public class ServedChannels {

    private final Channels mirrored;
    private final Map<String, InternalChannel> internal = new LinkedHashMap<>();

    ServedChannels(Channels mirrored, ReleaseControlProperties properties) {
        this.mirrored = mirrored;
        Set<String> names = new HashSet<>();
        mirrored.all().forEach(channel -> names.add(channel.name()));
        List<InternalChannelProperties> configured = properties.internalChannels();
        for (int i = 0; i < configured.size(); i++) {
            InternalChannelProperties channel = configured.get(i);
            String property = "mirror.internal-channels[" + i + "]";
            if (!names.add(channel.name())) {
                throw new IllegalStateException(property + ".name: '" + channel.name() + "' is already the name of "
                        + (mirrored.find(channel.name()).isPresent() ? "a mirrored channel" : "another internal channel")
                        + "; channel names must be unique");
            }
            ChannelProperties followed = mirrored.find(channel.follows()).orElseThrow(() -> new IllegalStateException(
                    property + ".follows: '" + channel.follows() + "' is not a mirrored channel; mirrored: "
                            + mirrored.all().stream().map(ChannelProperties::name).toList()));
            for (String board : channel.boards()) {
                if (!followed.boards().contains(board)) {
                    throw new IllegalStateException(property + ".boards: '" + board + "' is not mirrored for channel '"
                            + followed.name() + "'; its boards: " + followed.boards());
                }
            }
            internal.put(channel.name(), new InternalChannel(channel, followed));
        }
    }

    /** Mirrored channels in configuration order, then the internal ones. */
    public List<ChannelProperties> all() {
        List<ChannelProperties> all = new ArrayList<>(mirrored.all());
        internal.values().forEach(channel -> all.add(channel.asChannel()));
        return all;
    }

    public Optional<ChannelProperties> find(String name) {
        return mirrored.find(name).or(() -> internalChannel(name).map(InternalChannel::asChannel));
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

    public boolean isInternal(String name) {
        return internal.containsKey(name);
    }

    public Optional<InternalChannel> internalChannel(String name) {
        return Optional.ofNullable(internal.get(name));
    }

    public List<InternalChannel> internalChannels() {
        return List.copyOf(internal.values());
    }

    /** The internal channels that follow this mirrored channel. */
    public List<InternalChannel> following(String mirroredChannel) {
        return internal.values().stream().filter(channel -> channel.followed().name().equals(mirroredChannel)).toList();
    }
}
