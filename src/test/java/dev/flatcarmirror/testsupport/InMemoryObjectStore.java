package dev.flatcarmirror.testsupport;

import dev.flatcarmirror.storage.ObjectDetails;
import dev.flatcarmirror.storage.ObjectKey;
import dev.flatcarmirror.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        if (object.content().length < offset + length) {
            throw new IOException(key + " holds " + object.content().length + " bytes, fewer than the " + (offset + length) + " asked for");
        }
        reads.incrementAndGet();
        return new ByteArrayInputStream(object.content(), Math.toIntExact(offset), Math.toIntExact(length));
    }

    @Override
    public void remove(ObjectKey key) {
        objects.remove(key);
    }

    @Override
    public List<dev.flatcarmirror.storage.StoredObject> list() {
        return objects.entrySet().stream().map(entry -> new dev.flatcarmirror.storage.StoredObject(entry.getKey(),
                entry.getValue().content().length, entry.getValue().lastModified())).toList();
    }

    @Override
    public long usedBytes() {
        return objects.values().stream().mapToLong(object -> object.content().length).sum();
    }

    /** Memory is not a file system: nothing to report, as for a bucket. */
    @Override
    public OptionalLong freeBytes() {
        return OptionalLong.empty();
    }

    @Override
    public void probeWrite() throws IOException {
        Files.delete(newStagingFile());
    }

    @Override
    public List<String> removeAbandonedStaging() {
        return List.of();
    }

    @Override
    public Optional<URI> directDownload(ObjectKey key, long size, String contentType) {
        return Optional.empty();
    }

    @Override
    public String location() {
        return "memory";
    }
}
