package io.condurejava.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered output stream that holds its buffer only while a response is being written: the
 * buffer is allocated on the first write and dropped at each flush, so a connection waiting for its
 * next request holds no output buffer at all. Session thread only.
 */
final class LazyBufferedOutputStream extends OutputStream {
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
            buf = new byte[capacity];
        } else if (count == buf.length) {
            drain();
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
            buf = new byte[capacity];
        } else if (len > buf.length - count) {
            drain();
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
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
