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
        @NotNull @DurationMin(millis = 100) Duration pollInterval) {

    public MirrorProperties {
        channels = channels == null || channels.isEmpty()
                ? List.of(ChannelProperties.official("alpha"), ChannelProperties.official("beta"),
                        ChannelProperties.official("stable"), ChannelProperties.official("lts"))
                : List.copyOf(channels);
        pollInterval = pollInterval == null ? Duration.ofMinutes(10) : pollInterval;
    }

    public Optional<ChannelProperties> channel(String name) {
        return channels.stream().filter(channel -> channel.name().equals(name)).findFirst();
    }

    @AssertTrue(message = "channel names must be unique")
    public boolean isEachChannelNameUnique() {
        return channels.stream().map(ChannelProperties::name).distinct().count() == channels.size();
    }
}
