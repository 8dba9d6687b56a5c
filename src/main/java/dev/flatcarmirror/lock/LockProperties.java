package dev.flatcarmirror.lock;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.lock.*}: how the instances sharing one catalog take turns.
 *
 * @param timeout how long a lock lasts unless its holder renews it; the holder renews it every third of this,
 *                so after a crash another instance takes the board over at most this long later
 */
@Validated
@ConfigurationProperties("mirror.lock")
record LockProperties(@NotNull @DurationMin(seconds = 3) @DurationMax(hours = 1) @DefaultValue("5m") Duration timeout) {
}
