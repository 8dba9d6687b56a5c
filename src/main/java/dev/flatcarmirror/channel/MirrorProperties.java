package dev.flatcarmirror.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.*}: what to mirror and how often to look.
 *
 * @param channels     the channels; by default Flatcar's alpha, beta, stable and lts
 * @param pollInterval time between the end of one poll of a channel's board and the start of the next
 * @param publicUrl    the mirror's base URL as machines reach it ({@code http://mirror.example:8080}), for the
 *                     URLs placed in boot scripts, Ignition configs and stream metadata; empty: taken from each request
 */
@Validated
@ConfigurationProperties("mirror")
public record MirrorProperties(
        @NotEmpty @Valid List<ChannelProperties> channels,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10m") Duration pollInterval,
        @NotNull @Pattern(regexp = "|" + PublicUrls.SAFE_BASE_URL, message = "must be empty or an http(s) URL without "
                + "query, fragment, user info or trailing '/', of letters, digits and . - _ ~ / only (it is written into iPXE scripts)")
        @DefaultValue("") String publicUrl) {

    /** For code that builds the properties itself; the mirror then takes its public URL from each request. */
    public MirrorProperties(List<ChannelProperties> channels, Duration pollInterval) {
        this(channels, pollInterval, "");
    }

    /** Without any channel configured, Flatcar's four official ones. */
    @ConstructorBinding
    public MirrorProperties {
        channels = channels == null || channels.isEmpty()
                ? List.of(ChannelProperties.official("alpha"), ChannelProperties.official("beta"),
                        ChannelProperties.official("stable"), ChannelProperties.official("lts"))
                : List.copyOf(channels);
        publicUrl = publicUrl == null ? "" : publicUrl;
    }

    public Optional<ChannelProperties> channel(String name) {
        return channels.stream().filter(channel -> channel.name().equals(name)).findFirst();
    }

    @AssertTrue(message = "channel names must be unique")
    public boolean isEachChannelNameUnique() {
        return channels.stream().map(ChannelProperties::name).distinct().count() == channels.size();
    }
}
