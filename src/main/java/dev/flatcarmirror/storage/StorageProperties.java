package dev.flatcarmirror.storage;

import dev.flatcarmirror.DataSizeMin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mirror.storage.*}: where the object store keeps its files.
 *
 * @param path the object store's directory with {@code type=filesystem}; with either type, downloads are
 *             staged in its {@code .staging} folder until they are verified
 * @param type {@code filesystem} (the default) or {@code s3}
 * @param s3   the bucket, with {@code type=s3}
 */
@Validated
@ConfigurationProperties("mirror.storage")
public record StorageProperties(
        @NotNull @DefaultValue("./data/objects") Path path,
        @NotNull @DefaultValue("filesystem") Type type,
        @NotNull @Valid @DefaultValue S3 s3) {

    public enum Type { FILESYSTEM, S3 }

    /** The filesystem store in {@code path}, the single-node default. */
    public static StorageProperties filesystem(Path path) {
        return new StorageProperties(path, Type.FILESYSTEM, S3.NONE);
    }

    @AssertTrue(message = "mirror.storage.type=s3 needs mirror.storage.s3.bucket")
    public boolean isBucketSetForS3() {
        return type != Type.S3 || !s3.bucket().isBlank();
    }

    /**
     * {@code mirror.storage.s3.*}. Credentials come from the AWS SDK's default chain: environment
     * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}), web identity (IRSA), profile, instance role.
     *
     * @param endpoint        an S3-compatible server such as {@code https://minio.example:9000}; empty: AWS
     * @param bucket          the bucket; required with {@code type=s3}
     * @param region          empty: the SDK's region chain ({@code AWS_REGION}, profile, instance metadata), or
     *                        {@code us-east-1} with an endpoint, which self-hosted servers ignore
     * @param pathStyle       {@code endpoint/bucket/key} URLs instead of {@code bucket.endpoint/key}
     * @param prefix          prepended to every key, so that the mirror can share a bucket; ends with {@code /}
     * @param redirect        answer GETs of files of at least {@code redirect-min-size} with a 302 to a presigned URL
     * @param redirectMinSize smaller files (signatures, version.txt) always stream
     * @param redirectExpiry  how long a presigned URL stays valid
     * @param partSize        files larger than this go up as multipart uploads of parts this large
     * @param staleUploadAge  unfinished multipart uploads under the prefix older than this are aborted
     */
    public record S3(
            @NotNull @DefaultValue("") @Pattern(regexp = "|https?://[^?#]+", message = "must be empty or an http(s) URL") String endpoint,
            @NotNull @DefaultValue("") String bucket,
            @NotNull @DefaultValue("") String region,
            @DefaultValue("false") boolean pathStyle,
            @NotNull @DefaultValue("") @Pattern(regexp = "|[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]*/",
                    message = "must be empty or end with '/' (flatcar/), without leading '/'") String prefix,
            @DefaultValue("false") boolean redirect,
            @NotNull @DataSizeMin(bytes = 0) @DefaultValue("1MB") DataSize redirectMinSize,
            @NotNull @DurationMin(seconds = 10) @DurationMax(days = 7) @DefaultValue("5m") Duration redirectExpiry,
            @NotNull @DataSizeMin(bytes = 5 * 1024 * 1024) @DefaultValue("64MB") DataSize partSize,
            @NotNull @DurationMin(minutes = 1) @DefaultValue("24h") Duration staleUploadAge) {

        static final S3 NONE = new S3("", "", "", false, "", false, DataSize.ofMegabytes(1), Duration.ofMinutes(5),
                DataSize.ofMegabytes(64), Duration.ofHours(24));
    }
}
