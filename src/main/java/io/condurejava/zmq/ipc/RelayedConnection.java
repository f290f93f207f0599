package io.condurejava.zmq.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed byte stream: two connected channels with a pump thread per direction. When one side ends,
 * the pump shuts down output on the other; when both directions have ended, or on any error, both channels
 * close. Runs on its two pump threads; {@link #close()} may be called from any thread.
 */
final class RelayedConnection {

    /**
     * Size of each pump's direct read buffer. A 64 KiB WebSocket echo needed two reads per message with
     * 64 KiB; 256 KiB gave it 7-13 % more messages/s (bench/RESULTS.md). A few relayed connections per
     * handler, so a few MiB of direct memory in all.
     */
    static final int PUMP_BUFFER_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RelayedConnection.class);

    private final SocketChannel accepted;
    private final SocketChannel opened;
    private final Consumer<RelayedConnection> onClosed;
    private final AtomicInteger runningDirections = new AtomicInteger(2);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code onClosed} is called once with this connection, after both channels are closed. */
    RelayedConnection(SocketChannel accepted, SocketChannel opened, Consumer<RelayedConnection> onClosed) {
        this.accepted = accepted;
        this.opened = opened;
        this.onClosed = onClosed;
    }

    /**
     * Starts the two pump threads, named {@code <label> in} (accepted → opened) and {@code <label> out}.
     * Platform threads, not virtual ones: there is one relayed connection per handler socket (a few),
     * every ZeroMQ message crosses two pumps, and a platform thread blocked in read is woken by the
     * kernel directly, where a virtual one goes through the JDK's poller and the carrier pool. Measured:
     * keep-alive GET +25 %, one-connection WebSocket echo +50 % or more.
     */
    void start(String label) {
        Thread.ofPlatform().daemon().name(label + " in").start(() -> pump(accepted, opened));
        Thread.ofPlatform().daemon().name(label + " out").start(() -> pump(opened, accepted));
    }

    /** Closes both channels, which ends both pumps. Idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(accepted);
            closeQuietly(opened);
            onClosed.accept(this);
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(PUMP_BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (runningDirections.decrementAndGet() == 0) {
                close();
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("{}: relay ended: {}", Thread.currentThread().getName(), e.toString());
            }
            close();
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
