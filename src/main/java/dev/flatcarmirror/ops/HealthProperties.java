package dev.flatcarmirror.ops;

import jakarta.validation.constraints.NotNull;
import dev.flatcarmirror.DataSizeMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.health.*}: when the pod stops being ready.
 *
 * @param minFreeSpace readiness fails when the object store's file system has less free space than this,
 *                     so a filling disk is noticed before a release fails to mirror; {@code 0} turns the check off
 */
@Validated
@ConfigurationProperties("mirror.health")
record HealthProperties(@NotNull @DataSizeMin(bytes = 0) @DefaultValue("1GB") DataSize minFreeSpace) {
}
