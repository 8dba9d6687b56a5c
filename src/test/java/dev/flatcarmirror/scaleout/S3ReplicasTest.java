package dev.flatcarmirror.scaleout;

import dev.flatcarmirror.testsupport.MirrorFixture;
import dev.flatcarmirror.testsupport.S3TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.s3.S3Client;

/** Both replicas on one bucket (S3Proxy), each staging on a local directory of its own, as pods with an emptyDir. */
class S3ReplicasTest extends ReplicasContract {

    private final S3TestServer s3 = S3TestServer.start();

    @Override
    Map<String, String> storage(String replica) {
        Map<String, String> storage = new LinkedHashMap<>(s3.properties("replicas/"));
        storage.put("mirror.storage.path", MirrorFixture.temporaryDirectory("staging-" + replica + "-").toString());
        return storage;
    }

    @Override
    Map<String, String> environment() {
        return S3TestServer.environment();
    }

    @Override
    byte[] stored(String key) {
        try (S3Client client = s3.client()) {
            return client.getObjectAsBytes(request -> request.bucket(s3.bucket()).key("replicas/" + key)).asByteArray();
        }
    }

    @AfterAll
    void stopS3() {
        s3.close();
    }
}
