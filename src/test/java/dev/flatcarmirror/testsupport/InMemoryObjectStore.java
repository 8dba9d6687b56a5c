package dev.flatcarmirror.testsupport;

import dev.flatcarmirror.storage.ObjectDetails;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link ObjectStore} in memory, for slice tests that serve files without a directory; it passes
 * the same contract as the real backends ({@code InMemoryObjectStoreTest}), and counts reads so a
 * test can tell that a HEAD never opened the file.
 */
public final class InMemoryObjectStore implements ObjectStore {

    private record StoredObject(byte[] content, Instant lastModified) {
    }

    private final Map<ObjectKey, StoredObject> objects = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    /** Stores {@code content} under {@code key} at once, as a verified download would end. */
    public void put(ObjectKey key, byte[] content) {
        objects.put(key, new StoredObject(content.clone(), Instant.now()));
    }

    public void clear() {
        objects.clear();
        reads.set(0);
    }

    /** How many times {@link #read} was called. */
    public int reads() {
        return reads.get();
    }

    @Override
    public Path newStagingFile() throws IOException {
        Path staged = Files.createTempFile("in-memory-store-", ".part");
        staged.toFile().deleteOnExit();
        return staged;
    }

    @Override
    public void put(ObjectKey key, Path stagedFile) throws IOException {
        put(key, Files.readAllBytes(stagedFile));
        Files.delete(stagedFile);
    }

    @Override
    public Optional<ObjectDetails> details(ObjectKey key) {
        return Optional.ofNullable(objects.get(key)).map(object -> new ObjectDetails(object.content().length, object.lastModified()));
    }

    @Override
    public InputStream read(ObjectKey key, long offset, long length) throws IOException {
        StoredObject object = objects.get(key);
        if (object == null) {
            throw new NoSuchFileException(key.value());
        }
        reads.incrementAndGet();
        return new ByteArrayInputStream(object.content(), Math.toIntExact(offset), Math.toIntExact(length));
    }

    @Override
    public void remove(ObjectKey key) {
        objects.remove(key);
    }
}
