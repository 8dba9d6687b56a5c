package dev.flatcarmirror.gc;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.gc.*}: the sweep for objects nothing refers to.
 *
 * @param interval   time between two sweeps, the first one interval after start; {@code 0} turns the schedule off
 *                   (the admin API still runs one)
 * @param protection an unreferenced object younger than this is left alone: it may be a file another replica has
 *                   just stored and is about to record
 */
@Validated
@ConfigurationProperties("mirror.gc")
record GcProperties(
        @NotNull @DurationMin(seconds = 0) @DefaultValue("6h") Duration interval,
        @NotNull @DurationMin(seconds = 0) @DefaultValue("24h") Duration protection) {
}
