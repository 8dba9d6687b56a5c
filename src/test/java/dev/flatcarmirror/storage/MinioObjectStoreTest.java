package dev.flatcarmirror.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.util.unit.DataSize;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract against MinIO, the S3 server docker-compose's {@code scale} profile runs, where Docker is
 * available; skipped (and reported as skipped) where it is not. S3Proxy covers S3 everywhere else.
 */
@EnabledIf("dockerAvailable")
class MinioObjectStoreTest extends ObjectStoreContractTest {

    private static final String USER = "mirror-test";
    private static final String PASSWORD = "mirror-test-password";
    private static final String BUCKET = "mirror-contract";

    private static GenericContainer<?> minio;

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static synchronized String endpoint() {
        if (minio == null) {
            minio = new GenericContainer<>("minio/minio:RELEASE.2025-03-12T18-04-18Z")
                    .withCommand("server", "/data")
                    .withEnv("MINIO_ROOT_USER", USER)
                    .withEnv("MINIO_ROOT_PASSWORD", PASSWORD)
                    .withExposedPorts(9000)
                    .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000));
            minio.start();
            String endpoint = "http://" + minio.getHost() + ":" + minio.getMappedPort(9000);
            try (S3Client client = S3Client.builder().endpointOverride(java.net.URI.create(endpoint)).region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(USER, PASSWORD))).build()) {
                client.createBucket(request -> request.bucket(BUCKET));
            }
        }
        return "http://" + minio.getHost() + ":" + minio.getMappedPort(9000);
    }

    @AfterAll
    static void stop() {
        if (minio != null) {
            minio.stop();
        }
    }

    @Override
    ObjectStore open(Path stagingRoot) {
        System.setProperty("aws.accessKeyId", USER);
        System.setProperty("aws.secretAccessKey", PASSWORD);
        StorageProperties.S3 settings = new StorageProperties.S3(endpoint(), BUCKET, "us-east-1", true,
                "t-" + stagingRoot.getFileName() + "/", false, DataSize.ofKilobytes(64), Duration.ofMinutes(2),
                DataSize.ofMegabytes(5), Duration.ofHours(24));
        return StorageConfiguration.s3(new StorageProperties(stagingRoot, StorageProperties.Type.S3, settings), Clock.systemUTC());
    }
}
