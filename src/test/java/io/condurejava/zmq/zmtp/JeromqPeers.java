package io.condurejava.zmq.zmtp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * JeroMQ sockets that connect to a {@link ZmtpSocket}. JeroMQ 0.6.0's connecting side sometimes never starts
 * its handshake (a poller race, zeromq/jeromq#1022; about 1 % of connections here, JeroMQ to JeroMQ too), so
 * {@link #connectUntil} gives up on such a socket and connects a fresh one. Test thread only.
 */
final class JeromqPeers implements AutoCloseable {
    static final int RECEIVE_TIMEOUT_MILLIS = 10_000;
    /** JeroMQ drops a handshake stuck this long and reconnects, its own way out of the race. */
    static final int HANDSHAKE_MILLIS = 2000;
    /** How long one connection attempt may take: JeroMQ's own retry included. */
    static final Duration ATTEMPT_WAIT = Duration.ofSeconds(4);
    static final int ATTEMPTS = 4;

    private final ZContext context = new ZContext();
    private final AtomicInteger monitors = new AtomicInteger();

    /** A socket with a receive timeout, a short handshake deadline and no linger. */
    ZMQ.Socket socket(SocketType type) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        socket.setHandshakeIvl(HANDSHAKE_MILLIS);
        socket.setLinger(0);
        return socket;
    }

    /** A socket of {@code type} with {@code identity} (for ROUTER and DEALER peers). */
    ZMQ.Socket socket(SocketType type, String identity) {
        ZMQ.Socket socket = socket(type);
        socket.setIdentity(Payloads.ascii(identity));
        return socket;
    }

    /**
     * Connects a socket from {@code make} to {@code endpoint} and waits until {@code done} holds; a socket
     * that does not get there in {@link #ATTEMPT_WAIT} is closed and a fresh one tried.
     */
    ZMQ.Socket connectUntil(Supplier<ZMQ.Socket> make, String endpoint, Callable<Boolean> done) {
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ZMQ.Socket socket = make.get();
            assertTrue(socket.connect(endpoint));
            try {
                await().atMost(ATTEMPT_WAIT).pollInSameThread().until(done);
                return socket;
            } catch (ConditionTimeoutException e) {
                failures.add(e.getMessage());
                close(socket);
            }
        }
        throw new AssertionError(ATTEMPTS + " JeroMQ connections to " + endpoint + " never got there: " + failures);
    }

    /** A PAIR socket receiving {@code events} of {@code socket} (ZMQ.EVENT_*); give it the receive timeout. */
    ZMQ.Socket monitor(ZMQ.Socket socket, int events) {
        String address = "inproc://zmtp-test-monitor-" + monitors.incrementAndGet();
        assertTrue(socket.monitor(address, events));
        ZMQ.Socket pair = context.createSocket(SocketType.PAIR);
        pair.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        pair.setLinger(0);
        assertTrue(pair.connect(address));
        return pair;
    }

    void close(ZMQ.Socket socket) {
        socket.close();
    }

    @Override
    public void close() {
        context.close();
    }
}
