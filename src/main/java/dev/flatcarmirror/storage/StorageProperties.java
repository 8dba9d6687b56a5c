package dev.flatcarmirror.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.storage.*}: where the object store keeps its files.
 *
 * @param path the object store's directory; downloads are staged in its {@code .staging} folder
 */
@Validated
@ConfigurationProperties("mirror.storage")
public record StorageProperties(@NotNull @DefaultValue("./data/objects") Path path) {
}
