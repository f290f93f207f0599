package io.condurejava.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The socket output of one connection, remembering when the write in progress started so that
 * {@link ClientListener}'s watchdog can close a connection whose client stopped reading. Written by
 * the connection's session thread; {@link #stalledNanos} is read by the watchdog thread.
 */
final class WatchedOutputStream extends FilterOutputStream {
    private volatile long writeStartedNanos;
    private volatile boolean writing;

    WatchedOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writeStartedNanos = System.nanoTime();
        writing = true;
        try {
            out.write(b, off, len);
        } finally {
            writing = false;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** How long the current write has been blocked, or 0 when no write is in progress. */
    long stalledNanos(long now) {
        return writing ? now - writeStartedNanos : 0;
    }
}
