package dev.flatcarmirror.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.*}: what to mirror and how often to look.
 *
 * @param channels     the channels; by default Flatcar's alpha, beta, stable and lts
 * @param pollInterval time between the end of one poll of a channel's board and the start of the next
 */
@Validated
@ConfigurationProperties("mirror")
public record MirrorProperties(
        @NotEmpty @Valid List<ChannelProperties> channels,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10m") Duration pollInterval) {

    /** Without any channel configured, Flatcar's four official ones. */
    public MirrorProperties {
        channels = channels == null || channels.isEmpty()
                ? List.of(ChannelProperties.official("alpha"), ChannelProperties.official("beta"),
                        ChannelProperties.official("stable"), ChannelProperties.official("lts"))
                : List.copyOf(channels);
    }

    public Optional<ChannelProperties> channel(String name) {
        return channels.stream().filter(channel -> channel.name().equals(name)).findFirst();
    }

    @AssertTrue(message = "channel names must be unique")
    public boolean isEachChannelNameUnique() {
        return channels.stream().map(ChannelProperties::name).distinct().count() == channels.size();
    }
}
