package dev.flatcarmirror.scaleout;

import java.nio.file.Files;
import java.util.Map;

/** Both replicas on one directory, as on a ReadWriteMany volume; each stages in a folder of its own there. */
class SharedFilesystemReplicasTest extends ReplicasContract {

    @Override
    Map<String, String> storage(String replica) {
        return Map.of("mirror.storage.path", mirror.storage().toString());
    }

    @Override
    byte[] stored(String key) throws Exception {
        return Files.readAllBytes(mirror.storage().resolve(key));
    }
}
