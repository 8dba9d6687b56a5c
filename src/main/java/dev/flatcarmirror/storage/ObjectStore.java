package dev.flatcarmirror.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where verified files live. Writers stage a file locally, then {@link #put} makes it
 * visible in one step (a rename, or the completion of an upload), so a reader never sees a partial
 * object. Everything the rest of the mirror knows about the store (how much it holds, whether it can
 * take a file, what is in it) it learns here, never from the backend behind it.
 */
public interface ObjectStore {

    /** A new empty local file to download into; it is invisible to readers. */
    Path newStagingFile() throws IOException;

    /** Makes a staged file visible under {@code key} in one step; the staged file is consumed. */
    void put(ObjectKey key, Path stagedFile) throws IOException;

    /** Asks the backend (a file system call, an S3 request): for checks, not for answering clients. */
    Optional<ObjectDetails> details(ObjectKey key) throws IOException;

    /**
     * Streams {@code length} bytes of the object from {@code offset}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     * @throws IOException                        when the object is shorter than {@code offset + length}
     */
    InputStream read(ObjectKey key, long offset, long length) throws IOException;

    /**
     * The object as a regular file of this machine, so that an answer can go from the file to the socket without
     * passing through the heap (sendfile); empty when the backend keeps its objects elsewhere (a bucket). Checked as
     * {@link #read} checks. Removing the object afterwards has POSIX semantics: a sender that opened it reads it whole.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     * @throws IOException                        when the object is shorter than {@code offset + length}
     */
    default Optional<Path> localFile(ObjectKey key, long offset, long length) throws IOException {
        return Optional.empty();
    }

    /**
     * Deletes the object. A reader that has it open reads it to its end; nobody else sees it any more,
     * and the backend deletes it once the last such reader is done.
     */
    void remove(ObjectKey key) throws IOException;

    /** Every object, with its size and age; staging files and unfinished uploads are never objects. */
    List<StoredObject> list() throws IOException;

    /** Bytes held by the objects; lists or walks the whole store, so call it on a schedule. */
    long usedBytes() throws IOException;

    /** Bytes free for new objects where the backend has such a limit (a file system); empty for a bucket. */
    OptionalLong freeBytes() throws IOException;

    /** Fails unless a new file could be staged and stored now, checked the way a download would do it. */
    void probeWrite() throws IOException;

    /** Removes what crashed writers left behind (staging files, unfinished uploads), never a live writer's. */
    List<String> removeAbandonedStaging() throws IOException;

    /**
     * A short-lived URL a client may fetch the object from directly, when the backend and the
     * configuration offer one for an object of this size; empty means "stream it yourself".
     */
    Optional<URI> directDownload(ObjectKey key, long size, String contentType);

    /** Where the objects are, for health details and logs: a directory, or {@code s3://bucket/prefix}. */
    String location();
}
