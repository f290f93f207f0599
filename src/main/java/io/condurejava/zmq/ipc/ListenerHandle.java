package io.condurejava.zmq.ipc;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle of an endpoint that a natively spoken socket listens on: closing it closes the listening channel
 * and then removes the ipc socket file, if there is one. Any thread; idempotent.
 */
final class ListenerHandle implements EndpointHandle {
    private final String endpoint;
    private final ServerSocketChannel channel;
    private final Runnable afterClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    ListenerHandle(String endpoint, ServerSocketChannel channel, Runnable afterClose) {
        this.endpoint = endpoint;
        this.channel = channel;
        this.afterClose = afterClose;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is removed all the same
            }
            afterClose.run();
        }
    }
}
