package io.condurejava.zmq;

import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the ZeroMQ thread sleeps: one java.nio Selector, registered once, over each JeroMQ socket's
 * ZMQ_FD (its command signaller, edge-triggered) and the Outbox wake-up pipe. JeroMQ's own Poller
 * re-registers every channel on every call, which costs more than the work of a small request.
 * Before sleeping, {@link #anyReadable} asks each socket for its events (processing pending commands),
 * as the ZMQ_FD contract requires. ZeroMQ thread only.
 */
final class HubSelector implements AutoCloseable {
    private final Selector selector;
    private final List<ZMQ.Socket> readable = new ArrayList<>();

    HubSelector(SelectableChannel wakeSource) {
        try {
            selector = Selector.open();
            wakeSource.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ZeroMQ thread's selector", e);
        }
    }

    /** Watches a socket; {@code forInput} = it carries messages towards us (its POLLIN is checked before sleeping). */
    void add(ZMQ.Socket socket, boolean forInput) {
        try {
            SelectableChannel fd = socket.getFD();
            fd.configureBlocking(false);
            fd.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch a ZeroMQ socket", e);
        }
        if (forInput) {
            readable.add(socket);
        }
    }

    /** True when an input socket has a message waiting (also processes their pending commands). */
    boolean anyReadable() {
        for (ZMQ.Socket socket : readable) {
            if ((socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Sleeps until a watched channel signals or the timeout passes. */
    void sleep(long timeoutMillis) {
        try {
            selector.select(Math.max(1, timeoutMillis));
            selector.selectedKeys().clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
