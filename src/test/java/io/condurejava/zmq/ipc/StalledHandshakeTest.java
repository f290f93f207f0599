package io.condurejava.zmq.ipc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A connecting socket whose ZMTP handshake stalls (the JeroMQ poller race of zeromq/jeromq#1022 looks like
 * this from the outside: a TCP connection on which nothing is read) drops it after
 * {@link ZmqEndpoints#CONNECT_HANDSHAKE_MILLIS} and reconnects, instead of waiting ZeroMQ's 30 s. A raw
 * server socket plays the silent peer. Test thread plus one virtual accept thread.
 */
class StalledHandshakeTest {

    @Test
    void aSilentPeerIsDroppedAndRedialledWithinTheConnectDeadline() throws Exception {
        List<Long> acceptedAtNanos = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
                ZContext context = new ZContext(1)) {
            Thread.ofVirtual().start(() -> acceptForever(silent, acceptedAtNanos));
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            try (EndpointHandle ignored = ZmqEndpoints.connect(dealer, "tcp://127.0.0.1:" + silent.getLocalPort())) {
                assertEquals(ZmqEndpoints.CONNECT_HANDSHAKE_MILLIS, dealer.getHandshakeIvl());
                await().atMost(Duration.ofMillis(ZmqEndpoints.CONNECT_HANDSHAKE_MILLIS * 4L))
                        .until(() -> acceptedAtNanos.size() >= 2);
            }
        }
        long gapMillis = (acceptedAtNanos.get(1) - acceptedAtNanos.get(0)) / 1_000_000;
        assertTrue(gapMillis >= ZmqEndpoints.CONNECT_HANDSHAKE_MILLIS / 2, "redialled after the deadline, not at once: "
                + gapMillis + " ms");
    }

    @Test
    void anExplicitHandshakeDeadlineIsKept() throws Exception {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket push = context.createSocket(SocketType.PUSH);
            push.setHandshakeIvl(12_345);
            try (EndpointHandle ignored = ZmqEndpoints.connect(push, "tcp://127.0.0.1:9")) {
                assertEquals(12_345, push.getHandshakeIvl());
            }
        }
    }

    private static void acceptForever(ServerSocket server, List<Long> acceptedAtNanos) {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try {
            while (true) {
                held.add(server.accept()); // kept open and never answered: the handshake stalls
                acceptedAtNanos.add(System.nanoTime());
            }
        } catch (IOException closed) {
            held.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }
    }
}
