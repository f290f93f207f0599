package io.condurejava.zmq;

import io.condurejava.zmq.zmtp.ChannelWatcher;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;

/**
 * Where the ZeroMQ thread sleeps: one java.nio Selector, registered once, over each JeroMQ socket's
 * ZMQ_FD (its command signaller, edge-triggered) and the Outbox wake-up pipe. JeroMQ's own Poller
 * re-registers every channel on every call, which costs more than the work of a small request.
 * {@link #sleep} reports which sockets signalled, so the thread touches only those (every recv on an
 * idle JeroMQ socket costs a selectNow of its own). Natively spoken sockets register their channels here too,
 * each with a {@link ChannelWatcher} that {@link #sleep} and {@link #poll} call when it is ready. ZeroMQ thread only.
 */
final class HubSelector implements AutoCloseable {
    /** Bit of the wake-up pipe in {@link #sleep}'s result. */
    static final int WAKE_PIPE = 1 << 31;

    private final Selector selector;

    HubSelector(SelectableChannel wakeSource) {
        try {
            selector = Selector.open();
            wakeSource.register(selector, SelectionKey.OP_READ, WAKE_PIPE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ZeroMQ thread's selector", e);
        }
    }

    /** Watches a socket; {@code bit} is reported by {@link #sleep} when its ZMQ_FD signals. */
    void add(ZMQ.Socket socket, int bit) {
        try {
            SelectableChannel fd = socket.getFD();
            fd.configureBlocking(false);
            fd.register(selector, SelectionKey.OP_READ, bit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch a ZeroMQ socket", e);
        }
    }

    /** The selector itself, for natively spoken sockets that register their own channels with a {@link ChannelWatcher}. */
    Selector nioSelector() {
        return selector;
    }

    /** Sleeps until a watched channel signals or the timeout passes; returns the bits of those that signalled. */
    int sleep(long timeoutMillis) {
        try {
            selector.select(Math.max(1, timeoutMillis));
            return dispatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without sleeping: serves the watchers of channels that are ready now, and returns the bits that fired. */
    int poll() {
        try {
            selector.selectNow();
            return dispatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls the watcher of each ready channel that has one; returns the bits of the others. */
    private int dispatch() {
        Set<SelectionKey> selected = selector.selectedKeys();
        if (selected.isEmpty()) {
            return 0;
        }
        int fired = 0;
        // watchers register new channels and cancel keys, neither of which changes the selected set
        for (SelectionKey key : selected) {
            if (key.attachment() instanceof ChannelWatcher watcher) {
                if (key.isValid()) {
                    watcher.onReady(key);
                }
            } else {
                fired |= (Integer) key.attachment();
            }
        }
        selected.clear();
        return fired;
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
