package dev.flatcarmirror.retention;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.retention.*}: when retention runs and how carefully it deletes. What it keeps is set per
 * channel ({@code mirror.channels[i].retention.*}).
 *
 * @param interval       time between two passes, the first one interval after start; {@code 0} turns the schedule
 *                       off (the admin API still runs one)
 * @param deleteDelay    a pruned release is withdrawn at once, its files deleted this much later, so that a client
 *                       of another replica that was downloading it when it was pruned can finish
 * @param abandonedAfter failed and never-published releases whose last attempt is older than this are pruned
 *                       with the files they had stored
 */
@Validated
@ConfigurationProperties("mirror.retention")
record RetentionProperties(
        @NotNull @DurationMin(seconds = 0) @DefaultValue("1h") Duration interval,
        @NotNull @DurationMin(seconds = 0) @DefaultValue("1h") Duration deleteDelay,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("7d") Duration abandonedAfter) {
}
