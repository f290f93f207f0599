package io.condurejava.zmq.zmtp;

import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test harness: a platform thread owning a selector that runs {@link ZmtpSocket}s the way the ZeroMQ thread
 * does (select, ready channels, queued tasks, flush). Tests reach the sockets only through {@link #call}.
 */
final class ZmtpLoop implements AutoCloseable {
    static final long CALL_TIMEOUT_SECONDS = 10;
    private static final long SELECT_MILLIS = 5;
    private static final long JOIN_MILLIS = 10_000;

    /** A socket listening on one endpoint; {@code connectTo} is what peers connect to (tcp with the real port). */
    record Bound(ZmtpSocket socket, String connectTo) {}

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<ZmtpSocket> sockets = new ArrayList<>(); // loop thread only
    private final List<EndpointHandle> handles = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile Throwable failure;

    ZmtpLoop() throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().name("zmtp-loop").daemon().start(this::loop);
    }

    /**
     * Listens on {@code endpoint} ({@code tcp://127.0.0.1:0} or {@code ipc://PATH}) with a new socket run by
     * this loop.
     */
    Bound listen(ZmtpSocket.Type type, int hwm, byte[] subscription, String endpoint) throws Exception {
        ZmqEndpoints.Listening listening = ZmqEndpoints.listen(endpoint, 0);
        handles.add(listening.handle());
        String connectTo = endpoint;
        if (endpoint.startsWith("tcp://")) {
            int port = ((InetSocketAddress) listening.channel().getLocalAddress()).getPort();
            connectTo = endpoint.substring(0, endpoint.lastIndexOf(':') + 1) + port;
        }
        String name = connectTo;
        ZmtpSocket socket = call(() -> {
            ZmtpSocket created = new ZmtpSocket(type, hwm, subscription);
            created.listen(listening.channel(), name);
            created.start(selector);
            sockets.add(created);
            return created;
        });
        return new Bound(socket, connectTo);
    }

    /** Runs {@code task} on the loop thread and returns its result (fails after {@link #CALL_TIMEOUT_SECONDS}). */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        selector.wakeup();
        try {
            return result.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new AssertionError("task failed on the loop thread", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("loop thread did not run the task within " + CALL_TIMEOUT_SECONDS
                    + " s (loop failure: " + failure + ")", e);
        }
    }

    /** Closes the sockets (no linger), stops the thread and removes the endpoints' files. */
    @Override
    public void close() throws Exception {
        try {
            if (thread.isAlive()) {
                call(() -> {
                    for (ZmtpSocket socket : sockets) {
                        socket.close(System.nanoTime());
                    }
                    sockets.clear();
                    return null;
                });
            }
        } finally {
            running = false;
            selector.wakeup();
            thread.join(JOIN_MILLIS);
            selector.close();
            for (EndpointHandle handle : handles) {
                handle.close();
            }
        }
        if (failure != null) {
            throw new AssertionError("the loop thread failed", failure);
        }
    }

    private void loop() {
        try {
            while (running) {
                selector.select(SELECT_MILLIS);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.attachment() instanceof ChannelWatcher watcher) {
                        watcher.onReady(key);
                    }
                }
                selector.selectedKeys().clear();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (ZmtpSocket socket : sockets) {
                    socket.flush();
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }
}
