package dev.flatcarmirror.integrity;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.verify-at-rest.*}: how often stored files are hashed again against the catalog.
 *
 * @param interval time between two passes; {@code 0} turns the schedule off (the admin API still runs one)
 * @param repair   fetch a quarantined file again from upstream, verified as on the first day
 */
@Validated
@ConfigurationProperties("mirror.verify-at-rest")
record VerifyAtRestProperties(@NotNull @DefaultValue("24h") Duration interval, @DefaultValue("true") boolean repair) {
}
