package dev.flatcarmirror.ignition;

import dev.flatcarmirror.DataSizeMin;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.ignition.*}.
 *
 * @param maxSize the largest config accepted, counted on the bytes uploaded; at most 8MB, which the catalog column holds
 */
@Validated
@ConfigurationProperties("mirror.ignition")
record IgnitionProperties(@NotNull @DataSizeMin(bytes = 64) @DefaultValue("1MB") DataSize maxSize) {

    static final DataSize LARGEST = DataSize.ofMegabytes(8);

    @AssertTrue(message = "mirror.ignition.max-size must be at most 8MB")
    public boolean isMaxSizeStorable() {
        return maxSize == null || maxSize.toBytes() <= LARGEST.toBytes();
    }
}
