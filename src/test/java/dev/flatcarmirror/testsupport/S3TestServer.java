package dev.flatcarmirror.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in this JVM (S3Proxy over an in-memory blob store), speaking the S3 protocol on a
 * loopback port with SigV4 authentication, for tests of the S3 object store. Each instance has a bucket
 * of its own. The application finds the credentials through the AWS SDK's default chain: Java system
 * properties here ({@link #credentialsAsSystemProperties()}), environment variables in a child process
 * ({@link #environment()}).
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "mirror-test-access-key";
    public static final String SECRET_KEY = "mirror-test-secret-key";

    private final S3Proxy proxy;
    private final String bucket = "mirror-" + UUID.randomUUID().toString().substring(0, 8);

    private S3TestServer() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Clients keep idle connections open; stopping must not wait for them.
                .stopTimeout(100)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
    }

    public static S3TestServer start() {
        credentialsAsSystemProperties();
        try {
            return new S3TestServer();
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
    }

    /** Where the SDK's default chain looks first; the same for every server, so setting them twice is harmless. */
    public static void credentialsAsSystemProperties() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public String bucket() {
        return bucket;
    }

    /** A client of its own, to look at the bucket behind the mirror's back. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** The application's settings for this bucket (with {@code mirror.storage.path} for staging set by the caller). */
    public Map<String, String> properties(String prefix) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mirror.storage.type", "s3");
        properties.put("mirror.storage.s3.endpoint", endpoint());
        properties.put("mirror.storage.s3.bucket", bucket);
        properties.put("mirror.storage.s3.region", "us-east-1");
        properties.put("mirror.storage.s3.path-style", "true");
        properties.put("mirror.storage.s3.prefix", prefix);
        return properties;
    }

    /** The credentials as a child process's environment, as a pod gets them from a Secret. */
    public static Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Jetty reports the connections it had to cut after stopTimeout; the port is closed all the same.
            System.err.println("S3Proxy stopped: " + e);
        }
    }
}
