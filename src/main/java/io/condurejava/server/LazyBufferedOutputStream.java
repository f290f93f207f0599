package io.condurejava.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A buffered output stream that holds its buffer only while a response is being written: the
 * buffer is allocated on the first write and dropped at each flush, so a connection waiting for its
 * next request holds no output buffer at all. The first buffer is small ({@link #FIRST_BUFFER_BYTES},
 * enough for a typical head and a short body) and grows towards the full capacity only when a response
 * needs it: a keep-alive GET then allocates 1 KiB instead of a whole --buffer-size. Session thread
 * only.
 */
final class LazyBufferedOutputStream extends OutputStream {
    /** The buffer a response starts with. */
    static final int FIRST_BUFFER_BYTES = 1024;

    private final OutputStream out;
    private final int capacity;
    private byte[] buf;
    private int count;

    LazyBufferedOutputStream(OutputStream out, int capacity) {
        this.out = out;
        this.capacity = capacity;
    }

    @Override
    public void write(int b) throws IOException {
        if (buf == null) {
            buf = new byte[Math.min(capacity, FIRST_BUFFER_BYTES)];
        } else if (count == buf.length) {
            makeRoom(1);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len >= capacity) {
            drain();
            out.write(b, off, len);
            return;
        }
        if (buf == null) {
            buf = new byte[len <= FIRST_BUFFER_BYTES ? Math.min(capacity, FIRST_BUFFER_BYTES) : capacity];
        } else if (len > buf.length - count) {
            makeRoom(len);
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /**
     * Grows the buffer (at least doubling, at most to capacity) if that fits {@code len} more bytes, else
     * drains it. A 1 KiB WebSocket message (a 4-byte header, then its payload) grows 1 KiB to 2 KiB.
     */
    private void makeRoom(int len) throws IOException {
        if (buf.length < capacity && len <= capacity - count) {
            buf = Arrays.copyOf(buf, Math.min(capacity, Math.max(count + len, 2 * buf.length)));
        } else {
            drain();
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }

    /** Writes {@code bytes} and flushes; with nothing buffered they go straight out, without a buffer. */
    void writeAndFlush(byte[] bytes) throws IOException {
        if (count == 0 && buf == null) {
            out.write(bytes);
            out.flush();
            return;
        }
        write(bytes, 0, bytes.length);
        flush();
    }

    @Override
    public void flush() throws IOException {
        drain();
        buf = null; // idle connections keep no buffer
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
