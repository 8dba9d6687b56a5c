package dev.flatcarmirror.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.internal-channels}: the internal channels, none by default. Checks that need the mirrored channels
 * (names that collide, a {@code follows} that names nothing) are made by {@link ServedChannels} at start-up.
 */
@Validated
@ConfigurationProperties("mirror")
public record ReleaseControlProperties(@NotNull @Valid @DefaultValue List<InternalChannelProperties> internalChannels) {

    public ReleaseControlProperties {
        internalChannels = internalChannels == null ? List.of() : List.copyOf(internalChannels);
    }
}
