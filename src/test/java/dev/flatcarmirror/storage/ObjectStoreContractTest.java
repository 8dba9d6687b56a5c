package dev.flatcarmirror.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every object store backend must do, as the application wires it (with {@link OpenReadsFirst}
 * in front); each backend extends this with its own factory: {@link FilesystemObjectStoreTest},
 * {@link S3ObjectStoreTest} (S3Proxy in-process), {@link MinioObjectStoreTest} (MinIO, where Docker is) and
 * {@code InMemoryObjectStoreTest} (the slice tests' store). Staging, which both real backends share, is
 * {@link StagingAreaTest}'s.
 */
abstract class ObjectStoreContractTest {

    static final ObjectKey KEY = ObjectKey.of("stable", "amd64-usr", "1.2.3", "image.bin");

    @TempDir
    Path staging;

    private ObjectStore store;

    /** A new store over the backend's storage; {@code stagingRoot} is {@code mirror.storage.path}. */
    abstract ObjectStore open(Path stagingRoot);

    ObjectStore store() {
        if (store == null) {
            store = new OpenReadsFirst(open(staging));
        }
        return store;
    }

    @AfterEach
    void closeStore() throws IOException {
        if (store instanceof OpenReadsFirst opened) {
            opened.close();
        }
    }

    static byte[] random(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    ObjectKey stored(ObjectKey key, byte[] content) throws IOException {
        store().put(key, Files.write(store().newStagingFile(), content));
        return key;
    }

    @Test
    void putObjectShouldBeReadableWholeAndInRanges() throws Exception {
        byte[] content = random(100_000);
        ObjectStore store = store();

        stored(KEY, content);

        assertThat(store.details(KEY)).hasValueSatisfying(details -> assertThat(details.size()).isEqualTo(content.length));
        try (InputStream whole = store.read(KEY, 0, content.length)) {
            assertThat(whole.readAllBytes()).isEqualTo(content);
        }
        try (InputStream slice = store.read(KEY, 99_990, 10)) {
            assertThat(slice.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));
        }
    }

    @Test
    void largeFileShouldGoUpWholeAndReadBackIdentical() throws Exception {
        byte[] content = random(11 * 1024 * 1024 + 17);

        stored(KEY, content);

        try (InputStream whole = store().read(KEY, 0, content.length)) {
            assertThat(whole.readAllBytes()).isEqualTo(content);
        }
        try (InputStream across = store().read(KEY, 5 * 1024 * 1024 - 3, 10)) {
            assertThat(across.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 5 * 1024 * 1024 - 3, 5 * 1024 * 1024 + 7));
        }
    }

    @Test
    void putShouldConsumeTheStagedFileAndReplace() throws Exception {
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
    void missingObjectShouldHaveNoDetailsAndNotBeReadable() throws Exception {
        assertThat(store().details(ObjectKey.of("nope"))).isEmpty();
        assertThatThrownBy(() -> store().read(ObjectKey.of("nope"), 0, 1)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readingPastTheEndShouldFailRatherThanServeShortContent() throws Exception {
        stored(KEY, new byte[100]);

        assertThatThrownBy(() -> store().read(KEY, 50, 51).readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void removedObjectShouldBeGoneFromDetailsReadsAndListing() throws Exception {
        stored(KEY, new byte[] {1});

        store().remove(KEY);

        assertThat(store().details(KEY)).isEmpty();
        assertThat(store().list()).extracting(StoredObject::key).doesNotContain(KEY);
        assertThatThrownBy(() -> store().read(KEY, 0, 1)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anOpenReaderShouldReadARemovedObjectToItsEndWhileNobodyElseSeesIt() throws Exception {
        byte[] content = random(300_000);
        stored(KEY, content);
        InputStream reading = store().read(KEY, 0, content.length);
        byte[] start = reading.readNBytes(1000);

        store().remove(KEY);

        assertThat(store().details(KEY)).isEmpty();
        assertThat(store().list()).extracting(StoredObject::key).doesNotContain(KEY);
        assertThatThrownBy(() -> store().read(KEY, 0, 1)).isInstanceOf(NoSuchFileException.class);
        byte[] rest = reading.readAllBytes();
        reading.close();
        assertThat(concat(start, rest)).isEqualTo(content);
        assertThat(((OpenReadsFirst) store()).backend().details(KEY)).as("deleted once the reader is done").isEmpty();
    }

    @Test
    void listShouldNameEveryObjectWithItsSizeAndNothingStaged() throws Exception {
        ObjectKey signature = KEY.withSuffix(".sig");
        stored(KEY, new byte[300]);
        stored(signature, new byte[20]);
        Files.write(store().newStagingFile(), new byte[5000]);

        assertThat(store().list()).extracting(StoredObject::key, StoredObject::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(KEY, 300L), org.assertj.core.groups.Tuple.tuple(signature, 20L));
        assertThat(store().list()).allSatisfy(object -> assertThat(object.lastModified()).isNotNull());
        assertThat(store().usedBytes()).isEqualTo(320);
    }

    @Test
    void freeSpaceShouldBePositiveWhereTheBackendHasIt() throws Exception {
        assertThat(store().freeBytes()).satisfiesAnyOf(free -> assertThat(free).isEmpty(),
                free -> assertThat(free.getAsLong()).isPositive());
    }

    @Test
    void aWritableStoreShouldPassTheWriteProbeAndLeaveNothingBehind() throws Exception {
        store().probeWrite();

        assertThat(store().list()).isEmpty();
        assertThat(store().removeAbandonedStaging()).isEmpty();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

class FilesystemObjectStoreTest extends ObjectStoreContractTest {

    @Override
    ObjectStore open(Path stagingRoot) {
        // The filesystem store stages inside its own directory, which is mirror.storage.path.
        return new FilesystemObjectStore(stagingRoot);
    }
}
