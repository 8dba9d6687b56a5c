package dev.flatcarmirror.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keeps objects as plain files under a root directory. Staging files live in
 * {@code .staging} under the same root ({@link StagingArea}), so the final move is a same-filesystem
 * rename; keys cannot start with a dot, so staging files can never be addressed, listed or counted as objects.
 */
class FilesystemObjectStore implements ObjectStore, Closeable {

    /** Forces a file's or a directory's data and metadata to the disk; a seam for the test of the order. */
    @FunctionalInterface
    interface Durability {

        void force(Path path, boolean directory) throws IOException;

        Durability FSYNC = (path, directory) -> {
            try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        };
    }

    private final Path root;
    private final StagingArea staging;
    private final Durability durability;

    FilesystemObjectStore(Path root) {
        this(root, Durability.FSYNC);
    }

    FilesystemObjectStore(Path root, Durability durability) {
        this.durability = durability;
        this.root = root.toAbsolutePath().normalize();
        this.staging = new StagingArea(this.root);
    }

    @Override
    public Path newStagingFile() throws IOException {
        return staging.newFile();
    }

    /**
     * The staged bytes are forced to disk before the rename, and the directory after it (with the parents of any
     * directory just created): a rename lives in its directory, so without that a power cut could lose a file the
     * catalog already records as stored.
     */
    @Override
    public void put(ObjectKey key, Path stagedFile) throws IOException {
        Path target = resolve(key);
        Path directory = target.getParent();
        durability.force(stagedFile, false);
        // A removal may take away the empty directory between the two steps; then it is made again.
        for (int attempt = 0; ; attempt++) {
            Path existing = directory;
            while (!Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            Files.createDirectories(directory);
            try {
                Files.move(stagedFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("object store at " + root + " cannot rename atomically", e);
            } catch (NoSuchFileException e) {
                if (attempt >= 2 || !Files.exists(stagedFile)) {
                    throw e;
                }
                continue;
            }
            for (Path created = directory; ; created = created.getParent()) {
                durability.force(created, true);
                if (created.equals(existing)) {
                    break;
                }
            }
            return;
        }
    }

    @Override
    public Optional<ObjectDetails> details(ObjectKey key) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(resolve(key), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new ObjectDetails(attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream read(ObjectKey key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
        try {
            if (channel.size() < offset + length) {
                throw new IOException(key + " holds " + channel.size() + " bytes, fewer than the " + (offset + length) + " asked for");
            }
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public Optional<Path> localFile(ObjectKey key, long offset, long length) throws IOException {
        Path file = resolve(key);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        if (attributes.size() < offset + length) {
            throw new IOException(key + " holds " + attributes.size() + " bytes, fewer than the " + (offset + length) + " asked for");
        }
        return Optional.of(file);
    }

    @Override
    public void remove(ObjectKey key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        // Empty version directories of pruned releases would pile up otherwise.
        for (Path directory = file.getParent(); !directory.equals(root); directory = directory.getParent()) {
            try {
                Files.deleteIfExists(directory);
            } catch (DirectoryNotEmptyException stillInUse) {
                return;
            }
        }
    }

    @Override
    public List<StoredObject> list() throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return objects;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                // Object keys never start with a dot: dot-led entries (staging) are the store's own.
                return directory.equals(root) || !hidden(directory) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(file)) {
                    key(file).ifPresent(key -> objects.add(new StoredObject(key, attributes.size(),
                            attributes.lastModifiedTime().toInstant())));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Removed while the walk was under way: it is no longer there to list.
                return FileVisitResult.CONTINUE;
            }
        });
        return objects;
    }

    @Override
    public long usedBytes() throws IOException {
        return list().stream().mapToLong(StoredObject::size).sum();
    }

    @Override
    public OptionalLong freeBytes() throws IOException {
        return OptionalLong.of(staging.usableSpace());
    }

    /** Through the store itself, as a download would: permission bits alone do not tell (root, read-only mounts). */
    @Override
    public void probeWrite() throws IOException {
        Files.delete(staging.newFile());
    }

    @Override
    public List<String> removeAbandonedStaging() throws IOException {
        return staging.removeAbandoned();
    }

    @Override
    public Optional<URI> directDownload(ObjectKey key, long size, String contentType) {
        return Optional.empty();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {
        staging.close();
    }

    private Optional<ObjectKey> key(Path file) {
        try {
            return Optional.of(new ObjectKey(root.relativize(file).toString().replace('\\', '/')));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private Path resolve(ObjectKey key) {
        Path path = root.resolve(key.value()).normalize();
        if (!path.startsWith(root) || staging.contains(path)) {
            throw new IllegalArgumentException("object key escapes the store: " + key);
        }
        return path;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
