package dev.flatcarmirror.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Gives every backend the removal semantics of a POSIX unlink: a client that is downloading an object
 * when it is removed (a release being pruned) gets it to its last byte, while nobody else sees the object
 * any more; the backend deletes it when the last such reader closes. S3 would otherwise cut a GET or the
 * next ranged read short. This covers readers in this process; readers on other replicas are covered by
 * retention's {@code delete-delay}. If the process ends first, the object is an orphan for garbage collection.
 */
final class OpenReadsFirst implements ObjectStore, java.io.Closeable {

    private final ObjectStore backend;
    private final Map<ObjectKey, Integer> readers = new HashMap<>();
    private final Set<ObjectKey> removed = new HashSet<>();

    OpenReadsFirst(ObjectStore backend) {
        this.backend = backend;
    }

    ObjectStore backend() {
        return backend;
    }

    @Override
    public InputStream read(ObjectKey key, long offset, long length) throws IOException {
        synchronized (this) {
            if (removed.contains(key)) {
                throw new NoSuchFileException(key.value(), null, "removed");
            }
            readers.merge(key, 1, Integer::sum);
        }
        try {
            return new Reader(key, backend.read(key, offset, length));
        } catch (IOException | RuntimeException e) {
            closed(key);
            throw e;
        }
    }

    /** A removed object that readers still hold is gone for everyone else, as with {@link #read}. */
    @Override
    public Optional<Path> localFile(ObjectKey key, long offset, long length) throws IOException {
        if (isRemoved(key)) {
            throw new NoSuchFileException(key.value(), null, "removed");
        }
        return backend.localFile(key, offset, length);
    }

    @Override
    public void remove(ObjectKey key) throws IOException {
        synchronized (this) {
            if (readers.containsKey(key)) {
                removed.add(key);
                return;
            }
            removed.remove(key);
        }
        backend.remove(key);
    }

    private void closed(ObjectKey key) throws IOException {
        boolean last;
        synchronized (this) {
            int left = readers.merge(key, -1, Integer::sum);
            if (left > 0) {
                return;
            }
            readers.remove(key);
            last = removed.remove(key);
        }
        if (last) {
            backend.remove(key);
        }
    }

    @Override
    public void put(ObjectKey key, Path stagedFile) throws IOException {
        backend.put(key, stagedFile);
        synchronized (this) {
            // A new object under the key: the pending removal was of the old one, which its readers still hold.
            removed.remove(key);
        }
    }

    @Override
    public Optional<ObjectDetails> details(ObjectKey key) throws IOException {
        return isRemoved(key) ? Optional.empty() : backend.details(key);
    }

    @Override
    public List<StoredObject> list() throws IOException {
        return backend.list().stream().filter(object -> !isRemoved(object.key())).toList();
    }

    private synchronized boolean isRemoved(ObjectKey key) {
        return removed.contains(key);
    }

    @Override
    public Path newStagingFile() throws IOException {
        return backend.newStagingFile();
    }

    @Override
    public long usedBytes() throws IOException {
        return backend.usedBytes();
    }

    @Override
    public OptionalLong freeBytes() throws IOException {
        return backend.freeBytes();
    }

    @Override
    public void probeWrite() throws IOException {
        backend.probeWrite();
    }

    @Override
    public List<String> removeAbandonedStaging() throws IOException {
        return backend.removeAbandonedStaging();
    }

    @Override
    public Optional<URI> directDownload(ObjectKey key, long size, String contentType) {
        return isRemoved(key) ? Optional.empty() : backend.directDownload(key, size, contentType);
    }

    @Override
    public String location() {
        return backend.location();
    }

    @Override
    public void close() throws IOException {
        if (backend instanceof java.io.Closeable closeable) {
            closeable.close();
        }
    }

    private final class Reader extends FilterInputStream {

        private final ObjectKey key;
        private boolean closed;

        Reader(ObjectKey key, InputStream in) {
            super(in);
            this.key = key;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } finally {
                closed(key);
            }
        }
    }
}
