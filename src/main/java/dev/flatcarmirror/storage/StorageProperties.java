package dev.flatcarmirror.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code mirror.storage.*}: where the object store keeps its files. */
@Validated
@ConfigurationProperties("mirror.storage")
public record StorageProperties(@NotNull Path path) {

    public StorageProperties {
        if (path == null) {
            path = Path.of("data", "objects");
        }
    }
}
