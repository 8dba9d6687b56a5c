package dev.flatcarmirror.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where verified files live. Writers stage a file locally, then {@link #put} makes it
 * visible in one atomic step, so a reader never sees a partial object.
 */
public interface ObjectStore {

    /** A new empty local file to download into; it is invisible to readers. */
    Path newStagingFile() throws IOException;

    /** Moves a staged file under {@code key}, atomically; the staged file is consumed. */
    void put(ObjectKey key, Path stagedFile) throws IOException;

    Optional<ObjectDetails> details(ObjectKey key) throws IOException;

    /** Streams {@code length} bytes of the object from {@code offset}. */
    InputStream read(ObjectKey key, long offset, long length) throws IOException;

    void remove(ObjectKey key) throws IOException;
}
