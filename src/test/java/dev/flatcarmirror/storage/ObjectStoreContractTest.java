package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What every object store backend must do; a new backend extends this with its own factory. */
abstract class ObjectStoreContractTest {

    private static final ObjectKey KEY = ObjectKey.of("stable", "amd64-usr", "1.2.3", "image.bin");

    abstract ObjectStore store();

    @Test
    void putObjectShouldBeReadableWholeAndInRanges() throws Exception {
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        ObjectStore store = store();

        store.put(KEY, Files.write(store.newStagingFile(), content));

        assertThat(store.details(KEY)).hasValueSatisfying(details -> assertThat(details.size()).isEqualTo(content.length));
        try (InputStream whole = store.read(KEY, 0, content.length)) {
            assertThat(whole.readAllBytes()).isEqualTo(content);
        }
        try (InputStream slice = store.read(KEY, 99_990, 10)) {
            assertThat(slice.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));
        }
    }

    @Test
    void putShouldConsumeTheStagedFileAndReplaceAtomically() throws Exception {
        ObjectStore store = store();
        Path first = Files.write(store.newStagingFile(), new byte[] {1});
        store.put(KEY, first);
        Path second = Files.write(store.newStagingFile(), new byte[] {2, 2});

        store.put(KEY, second);

        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(store.details(KEY)).hasValueSatisfying(details -> assertThat(details.size()).isEqualTo(2));
    }

    @Test
    void missingObjectShouldHaveNoDetails() throws Exception {
        assertThat(store().details(ObjectKey.of("nope"))).isEmpty();
    }

    @Test
    void removedObjectShouldBeGone() throws Exception {
        ObjectStore store = store();
        store.put(KEY, Files.write(store.newStagingFile(), new byte[] {1}));

        store.remove(KEY);

        assertThat(store.details(KEY)).isEmpty();
    }
}

class FilesystemObjectStoreTest extends ObjectStoreContractTest {

    @org.junit.jupiter.api.io.TempDir
    Path root;

    @Override
    ObjectStore store() {
        return new FilesystemObjectStore(root);
    }

    @Test
    void leftoverStagingFilesShouldBeRemovedAtStartAndNeverBeObjects() throws Exception {
        Path leftover = new FilesystemObjectStore(root).newStagingFile();
        Files.write(leftover, new byte[] {9});

        new FilesystemObjectStore(root);

        assertThat(leftover).doesNotExist();
        try (Stream<Path> staging = Files.list(root.resolve(".staging"))) {
            assertThat(staging).isEmpty();
        }
    }
}
