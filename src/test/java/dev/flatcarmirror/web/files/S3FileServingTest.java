package dev.flatcarmirror.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.MirrorHttp;
import dev.flatcarmirror.testsupport.S3TestServer;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every file-serving behaviour of {@link FileServingTest} again with the objects in S3 (S3Proxy): ranges,
 * multiple ranges, If-Range and 416 go through S3's own ranged GETs. Plus: HEAD and conditional requests
 * are answered from the catalog alone.
 */
class S3FileServingTest extends FileServingTest {

    static final S3TestServer S3 = S3TestServer.start();
    static final String PREFIX = "serving/";

    @DynamicPropertySource
    static void s3Properties(DynamicPropertyRegistry registry) {
        S3.properties(PREFIX).forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    MirrorFixture fixture;

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    @Test
    void theFilesShouldBeInTheBucketAndNotOnTheLocalDisk() {
        try (S3Client client = S3.client()) {
            assertThat(client.headObject(request -> request.bucket(S3.bucket()).key(PREFIX + PATH.substring(1))).contentLength())
                    .isEqualTo(CONTENT.length);
        }
        assertThat(Files.exists(fixture.storage().resolve("stable"))).isFalse();
    }

    @Test
    void headAndConditionalRequestsShouldBeAnsweredFromTheCatalogWithoutS3() {
        String etag = http.get(PATH).headers().firstValue("ETag").orElseThrow();
        String key = PREFIX + PATH.substring(1);
        try (S3Client client = S3.client()) {
            client.deleteObject(request -> request.bucket(S3.bucket()).key(key));
            try {
                MirrorHttp.Response head = http.head(PATH);
                MirrorHttp.Response conditional = http.get(PATH, "If-None-Match", etag);
                MirrorHttp.Response unsatisfiable = http.get(PATH, "Range", "bytes=900000-");
                MirrorHttp.Response get = http.get(PATH);

                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
                assertThat(conditional.statusCode()).isEqualTo(304);
                assertThat(unsatisfiable.statusCode()).isEqualTo(416);
                assertThat(get.statusCode()).as("the body needs the object: a clean error, never a short file").isEqualTo(500);
            } finally {
                client.putObject(request -> request.bucket(S3.bucket()).key(key), RequestBody.fromBytes(CONTENT));
            }
        }
    }
}
