package io.condurejava.zmq.ipc;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ipc:// relay: accepts on one listener (the Unix socket for binds, a loopback TCP port for connects) and,
 * for each accepted connection, opens the matching connection on the other side and pumps bytes both ways.
 * Runs an accept thread named {@code ipc-relay-accept <path>} and per-connection pump threads; the relay
 * never touches a JeroMQ socket. {@link #close()} may be called from any thread.
 */
final class Relay implements EndpointHandle {

    /** Opens the far side for one accepted connection. */
    @FunctionalInterface
    interface Opener {
        SocketChannel open() throws IOException;
    }

    /** Pause after an unexpected accept failure (e.g. out of file descriptors) before trying again. */
    static final long ACCEPT_RETRY_DELAY_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final String endpoint;
    private final String label;
    private final ServerSocketChannel listener;
    private final Opener opener;
    private final Runnable afterClose;
    private final Set<RelayedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code afterClose} runs once when the relay closes, after the listener and all connections are closed. */
    Relay(String endpoint, String label, ServerSocketChannel listener, Opener opener, Runnable afterClose) {
        this.endpoint = endpoint;
        this.label = label;
        this.listener = listener;
        this.opener = opener;
        this.afterClose = afterClose;
    }

    /** Starts the accept thread. */
    Relay start() {
        Thread.ofVirtual().name("ipc-relay-accept " + label).start(this::acceptLoop);
        return this;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /** Number of relayed connections currently open (for tests and stats). */
    int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("{}: closing relay listener: {}", endpoint, e.toString());
        }
        connections.forEach(RelayedConnection::close);
        afterClose.run();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            SocketChannel accepted;
            try {
                accepted = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                LOG.warn("{}: relay accept failed: {}", endpoint, e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ACCEPT_RETRY_DELAY_MILLIS));
                continue;
            }
            Thread.ofVirtual().name("ipc-relay-open " + label).start(() -> relay(accepted));
        }
    }

    private void relay(SocketChannel accepted) {
        SocketChannel opened = null;
        try {
            noDelayIfTcp(accepted);
            opened = opener.open();
            noDelayIfTcp(opened);
        } catch (IOException e) {
            // The far side is not there (yet): drop the accepted side; a JeroMQ connecter retries by itself.
            LOG.debug("{}: relay cannot reach the far side: {}", endpoint, e.toString());
            closeQuietly(accepted);
            if (opened != null) {
                closeQuietly(opened);
            }
            return;
        }
        RelayedConnection connection = new RelayedConnection(accepted, opened, connections::remove);
        connections.add(connection);
        if (closed.get()) {
            connection.close();
            return;
        }
        connection.start("ipc-relay-pump " + label);
    }

    /** Turns Nagle off on a TCP channel, as ZeroMQ does on its own TCP connections; a no-op for Unix channels. */
    private static void noDelayIfTcp(SocketChannel channel) throws IOException {
        if (channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing relay channel: {}", e.toString());
        }
    }
}
