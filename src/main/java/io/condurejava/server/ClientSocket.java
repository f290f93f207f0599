package io.condurejava.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An accepted client connection, whatever carries it (TCP, TLS over TCP, a Unix domain socket).
 * {@link #handshake} runs first on the connection's own virtual thread (TLS negotiates there, never
 * on the accept loop); the streams are then used by the session and reader threads. {@link #close}
 * may be called from any thread.
 */
interface ClientSocket extends Closeable {

    /** Completes whatever must happen before HTTP bytes flow (the TLS handshake); no-op for plain sockets. */
    default void handshake() throws IOException {
    }

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** The peer's address as Condure reports it, or null (Unix sockets send no peer-address). */
    String peerAddress();

    /** The peer's port, or -1 when there is none. */
    int peerPort();

    /** {@code https} / {@code http} (the WebSocket variants derive from it). */
    String scheme();

    /** Half-closes the sending side so a final response is not lost to a reset. */
    void shutdownOutput() throws IOException;

    @Override
    void close();
}
