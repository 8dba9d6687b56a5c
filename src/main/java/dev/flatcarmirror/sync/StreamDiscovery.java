package dev.flatcarmirror.sync;

import dev.flatcarmirror.catalog.BoardStreams;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.channel.Streams;
import dev.flatcarmirror.upstream.SmallFile;
import dev.flatcarmirror.upstream.UpstreamClient;
import dev.flatcarmirror.upstream.UpstreamException;
import dev.flatcarmirror.upstream.Validators;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which streams of a board a poll follows, decided at the start of every poll: {@code current} always; then the
 * configured {@code streams} if set, else for lts each {@code current-YYYY} its {@code lts-info} lists as supported
 * right now. A stream that drops out is not polled any more but stays in the catalog, still served. When lts-info
 * cannot be read or makes no sense, the streams followed so far stay as they are.
 */
@Component
class StreamDiscovery {

    static final String LTS_INFO = "lts-info";
    private static final Logger log = LoggerFactory.getLogger(StreamDiscovery.class);

    private final UpstreamClient upstream;
    private final BoardStreams streams;
    private final MeterRegistry registry;

    StreamDiscovery(UpstreamClient upstream, BoardStreams streams, MeterRegistry registry) {
        this.upstream = upstream;
        this.streams = streams;
        this.registry = registry;
    }

    /** {@code current} first, then the other streams to poll now, in name order. */
    List<String> streamsToPoll(ChannelProperties channel, String board) {
        List<String> polled = new ArrayList<>(List.of(Streams.CURRENT));
        if (channel.configuredStreams().isPresent()) {
            polled.addAll(streams.follow(channel.name(), board, channel.configuredStreams().get()));
        } else if (Streams.discoversFromLtsInfo(channel)) {
            polled.addAll(fromLtsInfo(channel, board));
        } else {
            polled.addAll(streams.follow(channel.name(), board, List.of(Streams.CURRENT)));
        }
        return polled;
    }

    private List<String> fromLtsInfo(ChannelProperties channel, String board) {
        URI uri = URI.create(channel.baseUrl() + "/" + LTS_INFO);
        try {
            SmallFile answer = upstream.getSmall(uri, Validators.NONE);
            if (!(answer instanceof SmallFile.Found found)) {
                throw new LtsInfo.Malformed(uri + " is not there");
            }
            return streams.follow(channel.name(), board, LtsInfo.parse(found.body()).supportedStreams());
        } catch (UpstreamException | LtsInfo.Malformed e) {
            log.warn("Could not read {} ({}); {} {} keeps following {}", uri, e.getMessage(), channel.name(), board,
                    streams.supported(channel.name(), board));
            Counter.builder("flatcar_mirror_lts_info_failures")
                    .description("Polls that could not read or parse a channel's lts-info and kept the streams followed so far")
                    .tags("channel", channel.name()).register(registry).increment();
            return streams.supported(channel.name(), board);
        }
    }
}
