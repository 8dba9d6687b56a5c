package dev.flatcarmirror.retention;

import dev.flatcarmirror.testsupport.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link RetentionTest} with the objects in S3: deleting an object a client is still reading must not cut it short. */
class S3RetentionTest extends RetentionTest {

    static final S3TestServer S3 = S3TestServer.start();

    @DynamicPropertySource
    static void s3Properties(DynamicPropertyRegistry registry) {
        S3.properties("retention/").forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Override
    byte[] stored(String key) {
        try (S3Client client = S3.client()) {
            return client.getObjectAsBytes(request -> request.bucket(S3.bucket()).key("retention/" + key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }
}
