package io.condurejava.zmq.zmtp;

import static io.condurejava.zmq.zmtp.Payloads.ascii;
import static io.condurejava.zmq.zmtp.Payloads.concat;
import static io.condurejava.zmq.zmtp.Payloads.payload;
import static io.condurejava.zmq.zmtp.Payloads.payloadOfSize;
import static io.condurejava.zmq.zmtp.Payloads.sequenceOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** {@link ZmtpSocket} on loopback TCP with JeroMQ peers: PUSH, ROUTER and SUB behaviour, wrong peers, takeover. */
class ZmtpSocketJeromqTest {

    static final String ANY_LOOPBACK_PORT = "tcp://127.0.0.1:0";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int HWM = 1000;
    static final byte[] NO_SUBSCRIPTION = new byte[0];
    static final byte[] PREFIX = ascii("condure ");

    private ZmtpLoop loop;
    private JeromqPeers peers;

    @BeforeEach
    void start() throws Exception {
        loop = new ZmtpLoop();
        peers = new JeromqPeers();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            peers.close();
        } finally {
            loop.close();
        }
    }

    @Test
    void pushWithoutPeersTakesNothing() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);

        assertFalse(loop.call(() -> push.socket().send(payload(0))));
        assertFalse(loop.call(() -> push.socket().canSend()));
        assertEquals(0, loop.call(() -> push.socket().activePeers()));
    }

    @Test
    void pushSharesMessagesRoundRobinAmongPullPeers() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        ZMQ.Socket first = connectUntilActive(() -> peers.socket(SocketType.PULL), push, 1);
        ZMQ.Socket second = connectUntilActive(() -> peers.socket(SocketType.PULL), push, 2);
        assertTrue(loop.call(() -> push.socket().canSend()));

        assertTrue(loop.call(() -> {
            boolean all = true;
            for (int i = 0; i < 10; i++) {
                all &= push.socket().send(payload(i));
            }
            return all;
        }));

        List<Integer> toFirst = receiveSequences(first, 5);
        List<Integer> toSecond = receiveSequences(second, 5);
        List<Integer> evens = List.of(0, 2, 4, 6, 8);
        List<Integer> odds = List.of(1, 3, 5, 7, 9);
        assertTrue(toFirst.equals(evens) && toSecond.equals(odds) || toFirst.equals(odds) && toSecond.equals(evens),
                "first got " + toFirst + ", second got " + toSecond);
    }

    @Test
    void routerDeliversToTheRouterPeerWithThatIdentity() throws Exception {
        ZmtpLoop.Bound router = loop.listen(ZmtpSocket.Type.ROUTER, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        ZMQ.Socket handler = connectUntilActive(() -> peers.socket(SocketType.ROUTER, "handler-1"), router, 1);
        byte[] payload = payload(42);

        assertEquals(ZmtpSocket.Route.SENT, route(router, "handler-1", payload));

        List<byte[]> frames = receiveMessage(handler);
        assertEquals(3, frames.size());
        assertTrue(frames.get(0).length > 0, "the handler's ROUTER names our connection");
        assertEquals(0, frames.get(1).length, "empty delimiter");
        assertArrayEquals(payload, frames.get(2));
        assertEquals(ZmtpSocket.Route.UNREACHABLE, route(router, "nobody", payload(1)));
    }

    @Test
    void routerDeliversToADealerPeerWithThatIdentity() throws Exception {
        ZmtpLoop.Bound router = loop.listen(ZmtpSocket.Type.ROUTER, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        ZMQ.Socket dealer = connectUntilActive(() -> peers.socket(SocketType.DEALER, "dealer-7"), router, 1);
        byte[] big = payloadOfSize(3, 70_000);

        assertEquals(ZmtpSocket.Route.SENT, route(router, "dealer-7", payload(3)));
        assertEquals(ZmtpSocket.Route.SENT, route(router, "dealer-7", big));

        List<byte[]> small = receiveMessage(dealer);
        assertEquals(2, small.size());
        assertEquals(0, small.get(0).length);
        assertArrayEquals(payload(3), small.get(1));
        List<byte[]> large = receiveMessage(dealer);
        assertEquals(2, large.size());
        assertArrayEquals(big, large.get(1));
    }

    @Test
    void subSubscribesAnXpubPeerAndKeepsTheFirstFrameOfMatchingMessages() throws Exception {
        ZmtpLoop.Bound sub = loop.listen(ZmtpSocket.Type.SUB, HWM, PREFIX, ANY_LOOPBACK_PORT);
        ZMQ.Socket xpub = connectUntilActive(() -> peers.socket(SocketType.XPUB), sub, 1);

        byte[] subscription = xpub.recv();

        assertNotNull(subscription, "no subscription reached the XPUB");
        assertArrayEquals(concat(new byte[] {1}, PREFIX), subscription);
        String longMessage = "condure T" + "x".repeat(400);
        assertTrue(xpub.send("not for us"));
        assertTrue(xpub.send(longMessage));
        assertTrue(xpub.sendMore("condure x"));
        assertTrue(xpub.send("extra"));
        assertTrue(xpub.send("condure end"));

        List<String> received = receiveUntil(sub, "condure end");
        assertEquals(List.of(longMessage, "condure x", "condure end"), received);
        assertNull(loop.call(() -> sub.socket().receive()));
        assertFalse(loop.call(() -> sub.socket().hasReceived()));
    }

    @Test
    void subGetsOnlyWhatAPubPeerLetsThroughItsFilter() throws Exception {
        ZmtpLoop.Bound sub = loop.listen(ZmtpSocket.Type.SUB, HWM, PREFIX, ANY_LOOPBACK_PORT);
        ZMQ.Socket pub = connectUntilActive(() -> peers.socket(SocketType.PUB), sub, 1);
        List<String> received = new ArrayList<>();
        AtomicInteger round = new AtomicInteger();

        // a PUB drops what it publishes before it has read our subscription: publish until something arrives
        await().atMost(WAIT).pollInSameThread().until(() -> {
            int n = round.incrementAndGet();
            pub.send("other " + n);
            pub.send("condure " + n);
            received.addAll(drain(sub));
            return !received.isEmpty();
        });
        pub.send("other last");
        pub.send("condure last");
        received.addAll(receiveUntil(sub, "condure last"));

        assertEquals("condure last", received.get(received.size() - 1));
        for (String message : received) {
            assertTrue(message.startsWith("condure "), message);
        }
    }

    @Test
    void incompatiblePeerNeverBecomesActive() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        List<Integer> events = new ArrayList<>();
        ZMQ.Socket[] wrongEvents = new ZMQ.Socket[1];

        // the greetings were exchanged (so the handshake did not stall), then READY ended the connection
        peers.connectUntil(() -> {
            ZMQ.Socket wrong = peers.socket(SocketType.PUSH);
            wrongEvents[0] = peers.monitor(wrong, ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED);
            events.clear();
            return wrong;
        }, push.connectTo(), () -> {
            for (ZMQ.Event e; (e = ZMQ.Event.recv(wrongEvents[0], ZMQ.DONTWAIT)) != null; ) {
                events.add(e.getEvent());
            }
            int greeted = events.indexOf(ZMQ.EVENT_HANDSHAKE_PROTOCOL);
            return greeted >= 0 && events.subList(greeted, events.size()).contains(ZMQ.EVENT_DISCONNECTED);
        });
        assertEquals(0, loop.call(() -> push.socket().activePeers()));
        ZMQ.Socket pull = connectUntilActive(() -> peers.socket(SocketType.PULL), push, 1);

        assertTrue(loop.call(() -> push.socket().send(payload(0)) & push.socket().send(payload(1))
                & push.socket().send(payload(2))));
        assertEquals(List.of(0, 1, 2), receiveSequences(pull, 3), "every message went to the PULL");
        assertEquals(1, loop.call(() -> push.socket().activePeers()));
    }

    @Test
    void routedMessagesReachAPeerThatReconnectsWithTheSameIdentity() throws Exception {
        ZmtpLoop.Bound router = loop.listen(ZmtpSocket.Type.ROUTER, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        ZMQ.Socket first = connectUntilActive(() -> peers.socket(SocketType.DEALER, "handler-1"), router, 1);
        assertEquals(ZmtpSocket.Route.SENT, route(router, "handler-1", payload(1)));
        assertArrayEquals(payload(1), receiveMessage(first).get(1));

        peers.close(first);
        await().atMost(WAIT).until(() -> activePeers(router) == 0);
        assertEquals(ZmtpSocket.Route.UNREACHABLE, route(router, "handler-1", payload(2)));
        ZMQ.Socket second = connectUntilActive(() -> peers.socket(SocketType.DEALER, "handler-1"), router, 1);

        assertEquals(ZmtpSocket.Route.SENT, route(router, "handler-1", payload(3)));
        assertArrayEquals(payload(3), receiveMessage(second).get(1));
    }

    @Test
    void newerConnectionWithTheSameIdentityTakesOver() throws Exception {
        ZmtpLoop.Bound router = loop.listen(ZmtpSocket.Type.ROUTER, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        ZMQ.Socket older = connectUntilActive(() -> {
            ZMQ.Socket socket = peers.socket(SocketType.DEALER, "handler-1");
            socket.setReconnectIVL(-1); // once replaced it stays away, else the two would take turns
            return socket;
        }, router, 1);
        ZMQ.Socket olderEvents = peers.monitor(older, ZMQ.EVENT_DISCONNECTED);
        assertEquals(ZmtpSocket.Route.SENT, route(router, "handler-1", payload(1)));
        assertArrayEquals(payload(1), receiveMessage(older).get(1));

        // the newer connection is in once the older one is dropped
        ZMQ.Socket newer = peers.connectUntil(() -> peers.socket(SocketType.DEALER, "handler-1"),
                router.connectTo(), () -> ZMQ.Event.recv(olderEvents, ZMQ.DONTWAIT) != null);

        assertEquals(1, activePeers(router));
        assertEquals(ZmtpSocket.Route.SENT, route(router, "handler-1", payload(2)));
        assertArrayEquals(payload(2), receiveMessage(newer).get(1));
        assertNull(older.recv(ZMQ.DONTWAIT), "the replaced connection got nothing more");
    }

    private ZMQ.Socket connectUntilActive(Supplier<ZMQ.Socket> make, ZmtpLoop.Bound server, int active) {
        Callable<Boolean> done = () -> activePeers(server) == active;
        return peers.connectUntil(make, server.connectTo(), done);
    }

    private int activePeers(ZmtpLoop.Bound bound) throws Exception {
        return loop.call(() -> bound.socket().activePeers());
    }

    private ZmtpSocket.Route route(ZmtpLoop.Bound router, String identity, byte[] payload) throws Exception {
        return loop.call(() -> router.socket().route(ascii(identity), payload));
    }

    private List<String> drain(ZmtpLoop.Bound sub) throws Exception {
        return loop.call(() -> {
            List<String> messages = new ArrayList<>();
            for (byte[] m; (m = sub.socket().receive()) != null; ) {
                messages.add(new String(m, StandardCharsets.UTF_8));
            }
            return messages;
        });
    }

    /** What the SUB socket receives up to and including {@code last}. */
    private List<String> receiveUntil(ZmtpLoop.Bound sub, String last) {
        List<String> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            received.addAll(drain(sub));
            return received.contains(last);
        });
        return received;
    }

    private static List<Integer> receiveSequences(ZMQ.Socket socket, int count) {
        List<Integer> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<byte[]> frames = receiveMessage(socket);
            assertEquals(1, frames.size());
            int sequence = sequenceOf(frames.get(0));
            assertArrayEquals(payload(sequence), frames.get(0), "message " + sequence + " intact");
            sequences.add(sequence);
        }
        return sequences;
    }

    static List<byte[]> receiveMessage(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv();
            assertNotNull(frame, "no message within " + JeromqPeers.RECEIVE_TIMEOUT_MILLIS + " ms");
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return frames;
    }
}
