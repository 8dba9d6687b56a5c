package dev.flatcarmirror.storage;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3 bucket (AWS, MinIO, Ceph RGW, ...) under a key prefix. A download is staged and
 * verified in a local file first ({@link StagingArea}); only then is it uploaded, as one PUT or, above
 * the part size, as a multipart upload whose parts stream from the staged file, so memory stays bounded
 * by the HTTP client's buffers. An object becomes visible only when its PUT or its multipart upload
 * completes, which S3 makes atomic; a crash before that leaves nothing visible, only an unfinished upload,
 * which is aborted at the next start or garbage collection once older than {@code stale-upload-age}.
 */
class S3ObjectStore implements ObjectStore, Closeable {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final StorageProperties.S3 settings;
    private final String bucket;
    private final String prefix;
    private final StagingArea staging;
    private final Clock clock;

    S3ObjectStore(S3Client s3, S3Presigner presigner, StorageProperties.S3 settings, Path stagingRoot, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.settings = settings;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.clock = clock;
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw new IllegalStateException("mirror.storage.s3.bucket '" + bucket + "' is not usable at "
                    + (settings.endpoint().isEmpty() ? "AWS" : settings.endpoint()) + ": " + e.getMessage(), e);
        }
        this.staging = new StagingArea(stagingRoot.toAbsolutePath().normalize());
        try {
            abortStaleUploads();
        } catch (IOException e) {
            log.warn("Could not list unfinished uploads in {}: {}", location(), e.getMessage());
        }
    }

    @Override
    public Path newStagingFile() throws IOException {
        return staging.newFile();
    }

    @Override
    public void put(ObjectKey key, Path stagedFile) throws IOException {
        long size = Files.size(stagedFile);
        try {
            if (size <= settings.partSize().toBytes()) {
                s3.putObject(request -> request.bucket(bucket).key(name(key)), RequestBody.fromFile(stagedFile));
            } else {
                multipart(key, stagedFile, size);
            }
        } catch (SdkException e) {
            throw new IOException("cannot upload " + key + " to " + location() + ": " + e.getMessage(), e);
        }
        Files.deleteIfExists(stagedFile);
    }

    private void multipart(ObjectKey key, Path stagedFile, long size) {
        long partSize = settings.partSize().toBytes();
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(name(key))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0, number = 1; offset < size; offset += partSize, number++) {
                long start = offset;
                long length = Math.min(partSize, size - offset);
                int partNumber = (int) number;
                // Reopened for each attempt the SDK makes, so a retried part streams from the file again.
                RequestBody body = RequestBody.fromContentProvider(() -> slice(stagedFile, start, length), length,
                        "application/octet-stream");
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(name(key)).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length), body).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(name(key)).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId);
            throw e;
        }
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void abortQuietly(ObjectKey key, String uploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(name(key)).uploadId(uploadId));
        } catch (SdkException e) {
            log.warn("Could not abort the upload of {}; it is aborted once older than mirror.storage.s3.stale-upload-age: {}",
                    key, e.getMessage());
        }
    }

    @Override
    public Optional<ObjectDetails> details(ObjectKey key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(name(key)));
            return Optional.of(new ObjectDetails(head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot look up " + key + " in " + location() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot look up " + key + " in " + location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream read(ObjectKey key, long offset, long length) throws IOException {
        if (length == 0) {
            if (details(key).isEmpty()) {
                throw new NoSuchFileException(key.value());
            }
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> body;
        try {
            // The client's Range goes to S3 as it is: only the bytes asked for cross the network.
            body = s3.getObject(request -> request.bucket(bucket).key(name(key)).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key.value(), null, "not in " + location());
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                throw new IOException(key + " is shorter than the " + (offset + length) + " bytes asked for", e);
            }
            throw new IOException("cannot read " + key + " from " + location() + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + " from " + location() + ": " + e.getMessage(), e);
        }
        Long received = body.response().contentLength();
        if (received == null || received != length) {
            body.abort();
            throw new IOException(key + " is shorter than the " + (offset + length) + " bytes asked for");
        }
        return new Abortable(body);
    }

    @Override
    public void remove(ObjectKey key) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(name(key)));
        } catch (SdkException e) {
            throw new IOException("cannot delete " + key + " from " + location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredObject> list() throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
                key(object.key()).ifPresent(key -> objects.add(new StoredObject(key, object.size(), object.lastModified())));
            }
        } catch (SdkException e) {
            throw new IOException("cannot list " + location() + ": " + e.getMessage(), e);
        }
        return objects;
    }

    @Override
    public long usedBytes() throws IOException {
        return list().stream().mapToLong(StoredObject::size).sum();
    }

    /** A bucket has no free space to speak of; the quota, if any, is the provider's. */
    @Override
    public OptionalLong freeBytes() {
        return OptionalLong.empty();
    }

    /**
     * Stages a file, then starts a multipart upload and aborts it: that needs the permission an upload
     * needs, and unlike a PUT and a DELETE it leaves nothing behind, not even a version in a versioned bucket.
     */
    @Override
    public void probeWrite() throws IOException {
        Files.delete(staging.newFile());
        try {
            String probe = prefix + ".probe";
            String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(probe)).uploadId();
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(probe).uploadId(uploadId));
        } catch (SdkException e) {
            throw new IOException("bucket " + location() + " does not take uploads: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> removeAbandonedStaging() throws IOException {
        List<String> removed = new ArrayList<>(staging.removeAbandoned());
        removed.addAll(abortStaleUploads());
        return removed;
    }

    /** Uploads a crashed writer never finished; a live one's is younger than {@code stale-upload-age}. */
    private List<String> abortStaleUploads() throws IOException {
        Instant before = clock.instant().minus(settings.staleUploadAge());
        List<String> aborted = new ArrayList<>();
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix)).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(before)) {
                    s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    log.info("Aborted unfinished upload of {} started {}", upload.key(), upload.initiated());
                    aborted.add("upload " + upload.key() + " started " + upload.initiated());
                }
            }
        } catch (SdkException e) {
            throw new IOException("cannot list the unfinished uploads in " + location() + ": " + e.getMessage(), e);
        }
        return aborted;
    }

    @Override
    public Optional<URI> directDownload(ObjectKey key, long size, String contentType) {
        if (!settings.redirect() || size < settings.redirectMinSize().toBytes()) {
            return Optional.empty();
        }
        Duration expiry = settings.redirectExpiry();
        return Optional.of(URI.create(presigner.presignGetObject(presign -> presign.signatureDuration(expiry)
                .getObjectRequest(request -> request.bucket(bucket).key(name(key)).responseContentType(contentType)))
                .url().toString()));
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        staging.close();
        presigner.close();
        s3.close();
    }

    private String name(ObjectKey key) {
        return prefix + key.value();
    }

    private Optional<ObjectKey> key(String name) {
        try {
            return Optional.of(new ObjectKey(name.substring(prefix.length())));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /** Closing before the end aborts the connection rather than draining what is left of a large object. */
    private static final class Abortable extends FilterInputStream {

        private final ResponseInputStream<GetObjectResponse> body;
        private boolean ended;

        Abortable(ResponseInputStream<GetObjectResponse> body) {
            super(body);
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                body.abort();
            }
            super.close();
        }
    }
}
