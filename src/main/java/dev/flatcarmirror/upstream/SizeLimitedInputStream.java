package dev.flatcarmirror.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than {@code limit} bytes were read, whatever Content-Length claimed. */
class SizeLimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private long count;

    SizeLimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
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
