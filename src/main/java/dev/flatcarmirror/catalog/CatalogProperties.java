package dev.flatcarmirror.catalog;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.catalog.*}: how the catalog's answers kept in memory follow changes made by other replicas.
 *
 * @param changeCheckInterval how often the change counter other replicas bump is read; their publishes, quarantines
 *                            and prunes reach this instance's answers within this long
 */
@Validated
@ConfigurationProperties("mirror.catalog")
record CatalogProperties(
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) @DefaultValue("1s") Duration changeCheckInterval) {
}
