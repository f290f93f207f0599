package io.condurejava.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A Content-Length request body: exactly {@code length} bytes from the {@link HttpInput}, then
 * EOF; leaves any following bytes (a pipelined request) in the HttpInput. close() does not close
 * the connection nor skip what is left. Used by the connection's reading thread.
 */
public final class FixedLengthInputStream extends InputStream {
    private final HttpInput in;
    private long remaining;

    public FixedLengthInputStream(HttpInput in, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.remaining = length;
    }

    /** Body bytes not read yet. */
    public long remaining() {
        return remaining;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw eof();
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw eof();
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public void close() {
        // the connection outlives its bodies
    }

    private EOFException eof() {
        return new EOFException("unexpected EOF in request body: " + remaining + " bytes missing");
    }
}
