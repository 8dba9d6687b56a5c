package dev.flatcarmirror.ops;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.metrics.*}: how the gauges that need the catalog or a walk of the store are kept current.
 *
 * @param refreshInterval time between two readings of the catalog and two walks of the object store;
 *                        a scrape only reads the values last computed
 */
@Validated
@ConfigurationProperties("mirror.metrics")
record MetricsProperties(@NotNull @DurationMin(millis = 100) @DefaultValue("1m") Duration refreshInterval) {
}
