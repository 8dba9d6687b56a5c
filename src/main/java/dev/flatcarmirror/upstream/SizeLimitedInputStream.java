package dev.flatcarmirror.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails once more than {@code limit} bytes were read, whatever Content-Length claimed, and fails
 * at the end when fewer bytes came than announced: {@link java.net.HttpURLConnection} reports a
 * connection closed early as a normal end of stream.
 */
class SizeLimitedInputStream extends FilterInputStream {

    private final long limit;
    private final long announced;
    private final String what;
    private long count;

    SizeLimitedInputStream(InputStream in, long limit, long announced, String what) {
        super(in);
        this.limit = limit;
        this.announced = announced;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        } else {
            checkComplete();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        } else if (n < 0) {
            checkComplete();
        }
        return n;
    }

    private void checkComplete() throws IOException {
        if (announced >= 0 && count != announced) {
            throw new java.io.EOFException(what + " ended after " + count + " of " + announced + " bytes");
        }
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new TooLargeException(what + " is larger than the limit of " + limit + " bytes");
        }
    }

    static class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }
}
