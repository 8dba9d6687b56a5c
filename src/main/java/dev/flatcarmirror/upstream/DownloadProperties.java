package dev.flatcarmirror.upstream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.download.*}: the bounds every request to upstream runs within, so a stalled,
 * endless or oversized response ends with an error instead of a hung poll or a full disk.
 *
 * @param connectTimeout  to open a connection
 * @param readTimeout     the longest wait for the next byte
 * @param fileDeadline    the longest a single file may take in all
 * @param maxArtifactSize the largest image accepted, counted on bytes actually read
 * @param maxSmallFile    the largest version.txt, .sig or .DIGESTS accepted
 * @param maxRedirects    redirect hops followed (to http or https only)
 * @param concurrency     artifact downloads running at once, over all channels
 * @param minRate         the slowest transfer accepted, averaged over {@code minRateWindow}
 * @param minRateWindow   how long a transfer may run below {@code minRate} before it is dropped
 * @param retries         further attempts at a file after a broken, stalled or too slow transfer
 * @param retryBackoff    wait before the first retry; doubled each time, with jitter, up to a minute
 */
@Validated
@ConfigurationProperties("mirror.download")
public record DownloadProperties(
        @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @NotNull @DurationMin(millis = 1) Duration readTimeout,
        @NotNull @DurationMin(millis = 1) Duration fileDeadline,
        @NotNull DataSize maxArtifactSize,
        @NotNull DataSize maxSmallFile,
        @Min(0) @Max(10) Integer maxRedirects,
        @Min(1) @Max(64) Integer concurrency,
        @NotNull DataSize minRate,
        @NotNull @DurationMin(seconds = 1) Duration minRateWindow,
        @Min(0) @Max(20) Integer retries,
        @NotNull Duration retryBackoff) {

    public DownloadProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        fileDeadline = fileDeadline == null ? Duration.ofHours(6) : fileDeadline;
        maxArtifactSize = maxArtifactSize == null ? DataSize.ofGigabytes(32) : maxArtifactSize;
        maxSmallFile = maxSmallFile == null ? DataSize.ofKilobytes(64) : maxSmallFile;
        maxRedirects = maxRedirects == null ? 5 : maxRedirects;
        concurrency = concurrency == null ? 2 : concurrency;
        minRate = minRate == null ? DataSize.ofKilobytes(10) : minRate;
        minRateWindow = minRateWindow == null ? Duration.ofSeconds(60) : minRateWindow;
        retries = retries == null ? 4 : retries;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
    }
}
