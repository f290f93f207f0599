package io.condurejava.testutil;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Waits until a connecting JeroMQ socket has finished its ZMTP handshake. Test handlers need it: the
 * server's bound sockets hand a message to a new peer's pipe as soon as the TCP connection exists, and
 * JeroMQ 0.6.0 sometimes stalls a fresh connect until its handshake deadline (zeromq/jeromq#1022), so a
 * message sent to a peer that has not finished its handshake can be lost with the connection. Create
 * it before connecting, {@link #await} after. The thread that owns the socket.
 */
public final class HandshakeWatch {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ZMQ.Socket socket;
    private final ZMQ.Socket events;

    private HandshakeWatch(ZMQ.Socket socket, ZMQ.Socket events) {
        this.socket = socket;
        this.events = events;
    }

    /** Starts watching {@code socket} (not yet connected) for its first completed handshake. */
    public static HandshakeWatch on(ZContext context, ZMQ.Socket socket) {
        String endpoint = "inproc://handshake-watch-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        socket.monitor(endpoint, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
        ZMQ.Socket events = context.createSocket(SocketType.PAIR);
        events.connect(endpoint);
        return new HandshakeWatch(socket, events);
    }

    /** Blocks until the handshake is done; fails after {@code timeout}. Stops watching either way. */
    public void await(Duration timeout) {
        events.setReceiveTimeOut((int) timeout.toMillis());
        ZMQ.Event event = ZMQ.Event.recv(events);
        socket.monitor(null, 0);
        events.close();
        if (event == null) {
            throw new IllegalStateException("no ZMTP handshake with the server within " + timeout);
        }
    }
}
