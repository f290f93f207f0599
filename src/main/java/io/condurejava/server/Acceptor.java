package io.condurejava.server;

import java.io.IOException;

/**
 * The listening end of one {@code --listen} spec: TCP or a Unix domain socket path. The accept loop
 * of {@link ClientListener} is its only caller, apart from {@link #close} at shutdown.
 */
interface Acceptor extends AutoCloseable {

    /** Blocks for the next client. */
    ClientSocket accept() throws IOException;

    /** How the log names it: {@code 0.0.0.0:8000} or the socket path. */
    String describe();

    /** Stops listening (a Unix socket file is removed). */
    @Override
    void close();
}
