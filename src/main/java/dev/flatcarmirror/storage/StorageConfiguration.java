package dev.flatcarmirror.storage;

import java.net.URI;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    ObjectStore objectStore(StorageProperties properties, Clock clock) {
        ObjectStore backend = switch (properties.type()) {
            case FILESYSTEM -> new FilesystemObjectStore(properties.path());
            case S3 -> s3(properties, clock);
        };
        return new OpenReadsFirst(backend);
    }

    /** Also how the tests build the store the application builds, against a server of their own. */
    static S3ObjectStore s3(StorageProperties properties, Clock clock) {
        StorageProperties.S3 settings = properties.s3();
        Region region = region(settings);
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        S3ClientBuilder client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder())
                // Checksums only where S3 requires them: many S3-compatible servers refuse the newer trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (!settings.endpoint().isEmpty()) {
            client.endpointOverride(URI.create(settings.endpoint()));
            presigner.endpointOverride(URI.create(settings.endpoint()));
        }
        return new S3ObjectStore(client.build(), presigner.build(), settings, properties.path(), clock);
    }

    private static Region region(StorageProperties.S3 settings) {
        if (!settings.region().isEmpty()) {
            return Region.of(settings.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            if (!settings.endpoint().isEmpty()) {
                // Self-hosted servers ignore the region, but the SDK signs with one.
                return Region.US_EAST_1;
            }
            throw new IllegalStateException("mirror.storage.s3.region is empty and the AWS SDK finds no region "
                    + "(AWS_REGION, profile, instance metadata): set it", e);
        }
    }
}
