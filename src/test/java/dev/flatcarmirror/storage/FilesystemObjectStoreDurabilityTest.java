package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FilesystemObjectStore#put} forces to disk, and when, recorded around the real fsync: the bytes before
 * the rename, then the directory that now holds the new name (and those just created). A power cut can only be
 * simulated by a recording like this one; the fsyncs themselves run for real.
 */
class FilesystemObjectStoreDurabilityTest {

    private record Forced(Path path, boolean directory, boolean targetVisible) {
    }

    @TempDir
    Path root;

    @Test
    void putShouldForceTheBytesBeforeTheRenameAndTheDirectoriesAfterIt() throws IOException {
        Path target = root.resolve("stable/amd64-usr/1.2.3/version.txt");
        List<Forced> forced = new ArrayList<>();
        FilesystemObjectStore store = new FilesystemObjectStore(root, (path, directory) -> {
            forced.add(new Forced(path, directory, Files.exists(target)));
            FilesystemObjectStore.Durability.FSYNC.force(path, directory);
        });
        Path staged = store.newStagingFile();
        Files.writeString(staged, "FLATCAR_VERSION=1.2.3\n");

        store.put(ObjectKey.of("stable", "amd64-usr", "1.2.3", "version.txt"), staged);

        assertThat(forced).first().isEqualTo(new Forced(staged, false, false));
        assertThat(forced.subList(1, forced.size())).as("directories, after the rename")
                .extracting(Forced::path).containsExactly(target.getParent(), target.getParent().getParent(),
                        target.getParent().getParent().getParent(), root.toAbsolutePath().normalize());
        assertThat(forced.subList(1, forced.size())).allSatisfy(call -> {
            assertThat(call.directory()).isTrue();
            assertThat(call.targetVisible()).isTrue();
        });
    }

    @Test
    void putIntoAnExistingDirectoryShouldForceThatDirectoryOnly() throws IOException {
        List<Path> forced = new ArrayList<>();
        FilesystemObjectStore store = new FilesystemObjectStore(root, (path, directory) -> {
            if (directory) {
                forced.add(path);
            }
            FilesystemObjectStore.Durability.FSYNC.force(path, directory);
        });
        Path first = store.newStagingFile();
        store.put(ObjectKey.of("stable", "amd64-usr", "1.2.3", "a"), first);
        forced.clear();

        store.put(ObjectKey.of("stable", "amd64-usr", "1.2.3", "b"), store.newStagingFile());

        assertThat(forced).containsExactly(root.toAbsolutePath().normalize().resolve("stable/amd64-usr/1.2.3"));
    }
}
