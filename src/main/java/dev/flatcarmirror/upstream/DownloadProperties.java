package dev.flatcarmirror.upstream;

import dev.flatcarmirror.DataSizeMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.download.*}: the bounds every request to upstream runs within, so a stalled,
 * endless or oversized response ends with an error instead of a hung poll or a full disk.
 *
 * @param connectTimeout  to open a connection
 * @param readTimeout     the longest wait for the next byte
 * @param fileDeadline    the longest an artifact's request may take in all: connect, headers and body
 * @param smallFileDeadline the same for a pointer, signature, DIGESTS or key file
 * @param maxArtifactSize the largest image accepted, counted on bytes actually read
 * @param maxSmallFile    the largest version.txt, .sig or .DIGESTS accepted
 * @param maxRedirects    redirect hops followed (to http or https only)
 * @param concurrency     artifact downloads running at once, over all channels
 * @param parallelFiles   files of one release downloaded at once (each still takes one of the {@code concurrency} slots)
 * @param minRate         the slowest transfer accepted, averaged over {@code minRateWindow}
 * @param minRateWindow   how long a transfer may run below {@code minRate} before it is dropped
 * @param retries         further attempts at a file after a broken, stalled or too slow transfer
 * @param retryBackoff    wait before the first retry; doubled each time, with jitter, up to a minute
 */
@Validated
@ConfigurationProperties("mirror.download")
public record DownloadProperties(
        // The HTTP client takes whole milliseconds as an int: an hour is far beyond any sane value and far below that.
        @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("60s") Duration readTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("6h") Duration fileDeadline,
        @NotNull @DurationMin(millis = 1) @DefaultValue("60s") Duration smallFileDeadline,
        @NotNull @DataSizeMin(bytes = 1) @DefaultValue("32GB") DataSize maxArtifactSize,
        @NotNull @DataSizeMin(bytes = 1) @DefaultValue("64KB") DataSize maxSmallFile,
        @Min(0) @Max(10) @DefaultValue("5") int maxRedirects,
        @Min(1) @Max(64) @DefaultValue("2") int concurrency,
        @Min(1) @Max(16) @DefaultValue("3") int parallelFiles,
        @NotNull @DataSizeMin(bytes = 0) @DefaultValue("10KB") DataSize minRate,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("60s") Duration minRateWindow,
        @Min(0) @Max(20) @DefaultValue("4") int retries,
        @NotNull @DurationMin(millis = 0) @DefaultValue("2s") Duration retryBackoff) {
}
