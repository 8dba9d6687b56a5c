package dev.flatcarmirror.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps objects as plain files under a root directory. Staging files live in
 * {@code .staging} under the same root, so the final move is a same-filesystem rename;
 * keys cannot start with a dot, so staging files can never be addressed as objects.
 */
class FilesystemObjectStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(FilesystemObjectStore.class);

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
    private final Path staging;
    private final Durability durability;

    FilesystemObjectStore(Path root) {
        this(root, Durability.FSYNC);
    }

    FilesystemObjectStore(Path root, Durability durability) {
        this.durability = durability;
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(".staging");
        try {
            Files.createDirectories(staging);
            removeLeftoverStagingFiles();
        } catch (IOException e) {
            throw new UncheckedIOException("object store at " + this.root + " is not usable: " + e.getMessage(), e);
        }
    }

    /** Downloads interrupted by a crash leave staging files behind; none of them was ever visible. */
    private void removeLeftoverStagingFiles() throws IOException {
        try (Stream<Path> leftovers = Files.list(staging)) {
            for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(leftover);
                log.info("Removed leftover staging file {}", leftover.getFileName());
            }
        }
    }

    @Override
    public Path newStagingFile() throws IOException {
        return Files.createTempFile(staging, "download-", ".part");
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
        Path existing = directory;
        while (!Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(directory);
        durability.force(stagedFile, false);
        try {
            Files.move(stagedFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("object store at " + root + " cannot rename atomically", e);
        }
        for (Path created = directory; ; created = created.getParent()) {
            durability.force(created, true);
            if (created.equals(existing)) {
                break;
            }
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
        channel.position(offset);
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public void remove(ObjectKey key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    private Path resolve(ObjectKey key) {
        Path path = root.resolve(key.value()).normalize();
        if (!path.startsWith(root) || path.startsWith(staging)) {
            throw new IllegalArgumentException("object key escapes the store: " + key);
        }
        return path;
    }
}
