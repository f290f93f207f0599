package io.condurejava.client;

import io.condurejava.http1.HttpInput;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * An open origin connection with its buffered streams, so that it can go idle in the
 * {@link OriginPool} and serve a later request without losing buffered bytes. {@code reused} says
 * whether it served a request before (a failure on it may be a keep-alive race worth one retry).
 * Used by one exchange thread at a time.
 */
final class OriginConnection {
    final Socket socket;
    final HttpInput in;
    final OutputStream out;
    final boolean reused;
    /** When it went idle (System.nanoTime), while in the pool. */
    long idleSince;

    private OriginConnection(Socket socket, HttpInput in, OutputStream out, boolean reused) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.reused = reused;
    }

    /** Wraps a freshly connected socket. */
    static OriginConnection fresh(Socket socket, int bufferSize) throws IOException {
        return new OriginConnection(socket, new HttpInput(socket.getInputStream(), bufferSize),
                new BufferedOutputStream(socket.getOutputStream(), bufferSize), false);
    }

    /** The same connection, marked as reused, for its next request. */
    OriginConnection reuse() {
        return new OriginConnection(socket, in, out, true);
    }

    void close() {
        OriginConnector.closeQuietly(socket);
    }
}
