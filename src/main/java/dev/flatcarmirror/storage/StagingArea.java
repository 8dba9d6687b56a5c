package dev.flatcarmirror.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local files that downloads stream into before they are verified, in {@code .staging} under the
 * store's directory. Each running store has a folder of its own there, {@code .staging/<id>/}, and holds
 * an operating-system lock on {@code .staging/<id>.lock} for as long as it runs. The lock dies with the
 * process, even on {@code kill -9}, so a folder whose lock can be taken belongs to a writer that is gone
 * and can be removed; the folder of a live writer, such as another replica on a shared ReadWriteMany
 * volume, never is. (NFSv4 and CephFS honour these locks; a file system that ignores them is not a place
 * for several replicas to share.)
 */
final class StagingArea implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(StagingArea.class);
    private static final String LOCK = ".lock";

    private final Path root;
    private final Path mine;
    private final FileChannel lockChannel;
    private final FileLock lock;

    StagingArea(Path storeRoot) {
        this.root = storeRoot.resolve(".staging");
        String id = UUID.randomUUID().toString();
        try {
            Files.createDirectories(root);
            // Locked under a name no sweeper looks at, then renamed: a sweeper never sees an unlocked live lock file.
            Path fresh = root.resolve(id + ".new");
            lockChannel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                throw new IOException("cannot lock " + fresh);
            }
            Files.move(fresh, root.resolve(id + LOCK), StandardCopyOption.ATOMIC_MOVE);
            mine = Files.createDirectory(root.resolve(id));
            removeAbandoned();
        } catch (IOException e) {
            throw new UncheckedIOException("staging directory " + root + " is not usable: " + e.getMessage(), e);
        }
    }

    Path newFile() throws IOException {
        return Files.createTempFile(mine, "download-", ".part");
    }

    /** Bytes free on the file system that holds the staging files (and, for the filesystem store, the objects). */
    long usableSpace() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    boolean contains(Path path) {
        return path.toAbsolutePath().normalize().startsWith(root);
    }

    /** Removes the folders of writers that are gone, and whatever else lies in {@code .staging} without an owner. */
    List<String> removeAbandoned() throws IOException {
        List<String> removed = new ArrayList<>();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(root)) {
            listing.forEach(entries::add);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (entry.equals(mine) || name.equals(mine.getFileName() + LOCK)) {
                continue;
            }
            if (name.endsWith(".new")) {
                // A writer that died between creating its lock file and renaming it: nothing else to remove.
                takeOver(entry, root.resolve(name + ".none"), removed);
            } else if (name.endsWith(LOCK)) {
                Path folder = root.resolve(name.substring(0, name.length() - LOCK.length()));
                if (takeOver(entry, folder, removed)) {
                    log.info("Removed the staging files of a writer that is gone ({})", folder.getFileName());
                }
            } else if (!Files.exists(root.resolve(name + LOCK))) {
                // A folder whose lock file is gone, or a file of the layout before per-writer folders.
                removed.addAll(deleteTree(entry));
            }
        }
        for (String file : removed) {
            log.info("Removed leftover staging file {}", file);
        }
        return removed;
    }

    /** Takes the lock of another writer's folder; if that works, the writer is gone and its folder goes. */
    private boolean takeOver(Path lockFile, Path folder, List<String> removed) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock taken;
            try {
                taken = channel.tryLock();
            } catch (OverlappingFileLockException liveInThisJvm) {
                return false;
            }
            if (taken == null) {
                return false;
            }
            try {
                removed.addAll(deleteTree(folder));
                Files.deleteIfExists(lockFile);
                return true;
            } finally {
                taken.release();
            }
        } catch (NoSuchFileException alreadyRemoved) {
            return false;
        }
    }

    private List<String> deleteTree(Path start) throws IOException {
        if (!Files.exists(start)) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(start)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                if (Files.isRegularFile(path)) {
                    files.add(root.relativize(path).toString());
                }
                Files.deleteIfExists(path);
            }
        }
        return files;
    }

    /** Gives up this writer's folder: its files are removed and its lock released. */
    @Override
    public void close() {
        try {
            deleteTree(mine);
            Files.deleteIfExists(root.resolve(mine.getFileName() + LOCK));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // The lock dies with the channel anyway; a later sweep removes what is left.
            log.warn("Could not tidy up staging folder {}: {}", mine, e.toString());
        }
    }
}
