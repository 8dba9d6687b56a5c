package dev.flatcarmirror.release;

import dev.flatcarmirror.channel.ChannelProperties;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One internal channel ({@code mirror.internal-channels[i].*}): served like a mirrored channel, but its current
 * release is chosen by a policy over the releases of the channel it follows.
 *
 * @param name     shares the namespace with the mirrored channels and the service's own paths
 * @param follows  the mirrored channel whose published releases it serves
 * @param soak     how long a release must have been published on this mirror before the channel moves to it
 * @param approval whether the channel moves only to releases promoted through {@code POST /admin/channels/{c}/promote}
 * @param boards   the boards it serves, each one the followed channel mirrors; by default all of them
 */
public record InternalChannelProperties(
        @NotNull
        @Pattern(regexp = ChannelProperties.NAME, message = "must be lowercase letters, digits and '-', and not one of the "
                + "service's own paths (channels, actuator, admin, keys, v3, swagger-ui, error, assets, ignition, ipxe, boot.ipxe, streams)")
        String name,
        @NotNull String follows,
        @NotNull @DurationMin(seconds = 0) @DefaultValue("0s") Duration soak,
        @DefaultValue("false") boolean approval,
        List<@Pattern(regexp = ChannelProperties.BOARD, message = "must be a board name such as amd64-usr") String> boards) {

    public InternalChannelProperties {
        soak = soak == null ? Duration.ZERO : soak;
        boards = boards == null ? List.of() : List.copyOf(boards);
    }
}
