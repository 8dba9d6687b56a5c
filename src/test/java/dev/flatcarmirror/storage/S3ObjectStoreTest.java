package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract against a real S3 server (S3Proxy in this JVM), plus what only S3 has: uploads, prefixes, presigning. */
class S3ObjectStoreTest extends ObjectStoreContractTest {

    static final S3TestServer S3 = S3TestServer.start();

    private final String prefix = "t-" + UUID.randomUUID().toString().substring(0, 8) + "/";

    @AfterAll
    static void stopServer() {
        S3.close();
    }

    @Override
    ObjectStore open(Path stagingRoot) {
        return open(stagingRoot, Clock.systemUTC(), false);
    }

    ObjectStore open(Path stagingRoot, Clock clock, boolean redirect) {
        StorageProperties.S3 settings = new StorageProperties.S3(S3.endpoint(), S3.bucket(), "us-east-1", true, prefix, redirect,
                DataSize.ofKilobytes(64), Duration.ofMinutes(2), DataSize.ofMegabytes(5), Duration.ofHours(24));
        return StorageConfiguration.s3(new StorageProperties(stagingRoot, StorageProperties.Type.S3, settings), clock);
    }

    @Test
    void anUnfinishedUploadShouldBeInvisibleAndAbortedOnceStale() throws Exception {
        try (S3Client client = S3.client()) {
            String key = prefix + KEY.value();
            String uploadId = client.createMultipartUpload(request -> request.bucket(S3.bucket()).key(key)).uploadId();
            client.uploadPart(request -> request.bucket(S3.bucket()).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(random(5 * 1024 * 1024)));

            assertThat(store().details(KEY)).as("a crash before completion leaves no visible object").isEmpty();
            assertThat(store().list()).isEmpty();
            assertThat(uploads(client)).as("a young upload may be another replica's").isEqualTo(1);

            // A start a day and a half later: the upload is older than stale-upload-age.
            ((S3ObjectStore) open(staging, Clock.offset(Clock.systemUTC(), Duration.ofHours(36)), false)).close();

            assertThat(uploads(client)).isZero();
        }
    }

    @Test
    void objectsOutsideThePrefixShouldNotBeTheStoresToListOrCount() throws Exception {
        try (S3Client client = S3.client()) {
            client.putObject(request -> request.bucket(S3.bucket()).key("someone-else/file"), RequestBody.fromBytes(new byte[10]));
            stored(KEY, new byte[5]);

            assertThat(store().list()).extracting(StoredObject::key).containsExactly(KEY);
            assertThat(store().usedBytes()).isEqualTo(5);
            assertThat(client.headObject(request -> request.bucket(S3.bucket()).key(prefix + KEY.value())).contentLength()).isEqualTo(5);
        }
    }

    @Test
    void aBucketShouldHaveNoFreeSpaceToReport() throws Exception {
        assertThat(store().freeBytes()).isEmpty();
    }

    @Test
    void redirectShouldPresignAUrlThatServesTheObjectAndOnlyForLargeFiles() throws Exception {
        byte[] content = random(100_000);
        S3ObjectStore redirecting = (S3ObjectStore) open(staging, Clock.systemUTC(), true);
        redirecting.put(KEY, java.nio.file.Files.write(redirecting.newStagingFile(), content));

        URI url = redirecting.directDownload(KEY, content.length, "application/x-bzip2").orElseThrow();
        redirecting.close();
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);
        assertThat(url.getQuery()).contains("X-Amz-Expires=120");
        assertThat(redirecting.directDownload(KEY, 1000, "application/pgp-signature")).as("below redirect-min-size").isEmpty();
        assertThat(store().directDownload(KEY, content.length, "application/x-bzip2")).as("redirect off").isEmpty();
    }

    private int uploads(S3Client client) {
        return client.listMultipartUploads(request -> request.bucket(S3.bucket()).prefix(prefix)).uploads().size();
    }
}
