package io.condurejava.zmq.zmtp;

import static io.condurejava.zmq.zmtp.Payloads.ascii;
import static io.condurejava.zmq.zmtp.Payloads.payload;
import static io.condurejava.zmq.zmtp.Payloads.payloadOfSize;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** {@link ZmtpSocket} against peers speaking ZMTP bytes by hand: bad input, PING/PONG, write backpressure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmtpSocketRawTest {

    static final String ANY_LOOPBACK_PORT = "tcp://127.0.0.1:0";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int HWM = 1000;
    static final byte[] NO_SUBSCRIPTION = new byte[0];
    static final int MESSAGE_BYTES = 1024;
    static final int LARGE_MESSAGE_BYTES = 64 * 1024;
    /** What the loopback connection's socket buffers may hold beyond the peer's own queue (both sides). */
    static final int KERNEL_SLACK_BYTES = 8 * 1024 * 1024;
    static final int MAX_SEND_TRIES = 200_000;
    static final int SENDS_PER_CALL = 100;
    /** A small receive buffer on the hand-made PULL, so the connection fills up sooner. */
    static final int RAW_RECEIVE_BUFFER_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    private ZmtpLoop loop;

    /** What one batch of sends did: how many were taken, and whether the socket then refused one. */
    private record Batch(int taken, boolean refused, boolean canSendAfter) {}

    @BeforeEach
    void start() throws Exception {
        loop = new ZmtpLoop();
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
    }

    @Test
    void garbageGreetingIsHungUpOnAndTheSocketStillServesOthers() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        try (RawZmtpPeer http = RawZmtpPeer.tcp(push.connectTo(), 0)) {
            // over 64 bytes: the server judges a greeting once it has all of it
            http.write(ascii("GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\nAccept: */*\r\n"
                    + "Connection: keep-alive\r\n\r\n"));

            byte[] before = http.readUntilClosed();

            assertArrayEquals(Greeting.ours(), before, "only our greeting came before the hang-up");
        }
        assertEquals(0, loop.call(() -> push.socket().activePeers()));

        try (JeromqPeers peers = new JeromqPeers()) {
            ZMQ.Socket pull = peers.connectUntil(() -> peers.socket(SocketType.PULL), push.connectTo(),
                    () -> loop.call(() -> push.socket().activePeers()) == 1);
            assertTrue(loop.call(() -> push.socket().send(payload(7))));

            assertArrayEquals(payload(7), pull.recv());
        }
    }

    @Test
    void aShortNonZmtpGreetingIsHungUpOnWithoutWaitingForSixtyFourBytes() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        try (RawZmtpPeer http = RawZmtpPeer.tcp(push.connectTo(), 0)) {
            http.write(ascii("GET /\r\n\r\n"));

            assertArrayEquals(Greeting.ours(), http.readUntilClosed(), "only our greeting came before the hang-up");
        }
    }

    @Test
    void aConnectionThatDoesNotFinishItsHandshakeInTimeIsClosedAndAnActiveOneStays() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        try (RawZmtpPeer silent = RawZmtpPeer.tcp(push.connectTo(), 0);
             RawZmtpPeer pull = RawZmtpPeer.tcp(push.connectTo(), 0)) {
            pull.handshake("PULL");
            silent.write(Greeting.ours()); // a greeting, but never READY
            await().atMost(WAIT).until(() -> loop.call(() -> push.socket().activePeers()) == 1);

            loop.call(() -> {
                push.socket().expireHandshakes(System.nanoTime() + ZmtpSocket.HANDSHAKE_TIMEOUT_NANOS + 1);
                return null;
            });

            assertEquals(Greeting.BYTES + Frames.encodedSize(Commands.ready("PUSH").length),
                    silent.readUntilClosed().length, "our greeting and READY, then the hang-up");
            assertTrue(loop.call(() -> push.socket().send(payload(3))));
            assertArrayEquals(payload(3), pull.readFrame().body(), "the active connection still works");
        }
    }

    @Test
    void aRoutedMessageForAHandlerStillInItsHandshakeWaitsForItsReadyInsteadOfBeingLost() throws Exception {
        ZmtpLoop.Bound router = loop.listen(ZmtpSocket.Type.ROUTER, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        byte[] late = ascii("late-handler");
        assertEquals(ZmtpSocket.Route.UNREACHABLE, loop.call(() -> router.socket().route(late, payload(1))),
                "no handshake under way: an unknown address is unreachable");
        try (RawZmtpPeer dealer = RawZmtpPeer.tcp(router.connectTo(), 0)) {
            dealer.write(Greeting.ours());
            dealer.readExactly(Greeting.BYTES);
            assertEquals(Commands.READY, Commands.name(dealer.readFrame().body()));
            assertEquals(ZmtpSocket.Route.FULL, loop.call(() -> router.socket().route(late, payload(1))),
                    "a handshake under way: retry, it may be this handler");

            dealer.writeFrame(Frames.COMMAND, readyWithIdentity("DEALER", late));
            await().atMost(WAIT).until(() -> loop.call(() -> router.socket().route(late, payload(2)))
                    == ZmtpSocket.Route.SENT);

            assertEquals(0, dealer.readFrame().body().length, "the empty delimiter");
            assertArrayEquals(payload(2), dealer.readFrame().body());

            byte[] buffer = ascii("..head..the packet itself..tail..");
            assertEquals(ZmtpSocket.Route.SENT, loop.call(() -> router.socket().route(late, buffer, 8, 17)));
            assertEquals(0, dealer.readFrame().body().length, "the empty delimiter");
            assertEquals("the packet itself", ascii(dealer.readFrame().body()), "only the slice goes out");
        }
    }

    /** A READY body naming a socket type and an identity, as a DEALER or ROUTER with ZMQ_IDENTITY sends it. */
    private static byte[] readyWithIdentity(String socketType, byte[] identity) {
        ByteBuffer body = ByteBuffer.allocate(64 + identity.length);
        body.put((byte) 5).put(ascii("READY"));
        body.put((byte) 11).put(ascii("Socket-Type")).putInt(socketType.length()).put(ascii(socketType));
        body.put((byte) 8).put(ascii("Identity")).putInt(identity.length).put(identity);
        return java.util.Arrays.copyOf(body.array(), body.position());
    }

    @Test
    void handshakeByHandThenPingIsAnsweredWithPong() throws Exception {
        String endpoint = "ipc://" + dir.resolve("push");
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, endpoint);
        try (RawZmtpPeer pull = RawZmtpPeer.ipc(push.connectTo())) {
            Map<String, byte[]> serverProperties = pull.handshake("PULL");

            assertEquals("PUSH", ascii(serverProperties.get(Commands.SOCKET_TYPE)));
            await().atMost(WAIT).until(() -> loop.call(() -> push.socket().activePeers()) == 1);
            byte[] ping = {4, 'P', 'I', 'N', 'G', 0x00, 0x64, 'a', 'b', 'c'};
            pull.writeFrame(Frames.COMMAND, ping);

            RawZmtpPeer.Frame pong = pull.readFrame();
            assertTrue(pong.command(), "PONG is a command");
            assertArrayEquals(new byte[] {4, 'P', 'O', 'N', 'G', 'a', 'b', 'c'}, pong.body());

            byte[] small = payloadOfSize(5, 200);
            assertTrue(loop.call(() -> push.socket().send(small)));
            RawZmtpPeer.Frame message = pull.readFrame();
            assertEquals(0, message.flags(), "a one-frame message, short");
            assertArrayEquals(small, message.body());
        }
    }

    @Test
    void frameOverTheSizeLimitClosesTheConnection() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        try (RawZmtpPeer pull = RawZmtpPeer.tcp(push.connectTo(), 0)) {
            pull.handshake("PULL");
            await().atMost(WAIT).until(() -> loop.call(() -> push.socket().activePeers()) == 1);
            ByteBuffer header = ByteBuffer.allocate(9);
            header.put((byte) Frames.LONG).putLong(ZmtpSocket.MAX_FRAME_BYTES + 1);

            pull.write(header.array());

            assertEquals(0, pull.readUntilClosed().length);
        }
        await().atMost(WAIT).until(() -> loop.call(() -> push.socket().activePeers()) == 0);
    }

    @Test
    void messageBeforeReadyClosesTheConnection() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        try (RawZmtpPeer pull = RawZmtpPeer.tcp(push.connectTo(), 0)) {
            pull.write(Greeting.ours());
            pull.writeFrame(0, ascii("too early"));

            byte[] before = pull.readUntilClosed();

            assertEquals(Greeting.BYTES + Frames.encodedSize(Commands.ready("PUSH").length), before.length,
                    "our greeting and READY, then the hang-up");
        }
        assertEquals(0, loop.call(() -> push.socket().activePeers()));
    }

    @Test
    void sendStopsTakingMessagesWhenAPeerDoesNotReadAndLosesNoneThatItTook() throws Exception {
        int accepted = fillUntilRefusedThenReadAll(MESSAGE_BYTES);
        assertTrue(accepted >= HWM, "small messages are stopped by the HWM, not sooner: " + accepted);
    }

    @Test
    void largeMessagesAreStoppedByTheByteLimitBeforeTheHwm() throws Exception {
        int accepted = fillUntilRefusedThenReadAll(LARGE_MESSAGE_BYTES);
        assertTrue(accepted < HWM, "refused before the HWM of " + HWM + " messages: " + accepted);
        long bytes = (long) accepted * LARGE_MESSAGE_BYTES;
        assertTrue(bytes >= ZmtpPeer.MAX_PENDING_BYTES, "took at least the byte limit: " + bytes);
        assertTrue(bytes <= ZmtpPeer.MAX_PENDING_BYTES + KERNEL_SLACK_BYTES, "took no more than the byte limit and "
                + "what the kernel buffers hold: " + bytes);
    }

    /**
     * A hand-made PULL that does not read: sends {@code messageBytes} messages until the socket refuses one, then
     * reads everything back (intact, in order, nothing more). Returns how many the socket took.
     */
    private int fillUntilRefusedThenReadAll(int messageBytes) throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, ANY_LOOPBACK_PORT);
        try (RawZmtpPeer pull = RawZmtpPeer.tcp(push.connectTo(), RAW_RECEIVE_BUFFER_BYTES)) {
            pull.handshake("PULL");
            await().atMost(WAIT).until(() -> loop.call(() -> push.socket().activePeers()) == 1);

            // batches of sends with the loop's flush between them, until the socket refuses one
            int accepted = 0;
            Batch last = null;
            while (accepted < MAX_SEND_TRIES && (last == null || !last.refused())) {
                int first = accepted;
                last = loop.call(() -> {
                    int taken = 0;
                    while (taken < SENDS_PER_CALL && first + taken < MAX_SEND_TRIES) {
                        if (!push.socket().send(payloadOfSize(first + taken, messageBytes))) {
                            return new Batch(taken, true, push.socket().canSend());
                        }
                        taken++;
                    }
                    return new Batch(taken, false, true);
                });
                accepted += last.taken();
            }
            assertNotNull(last);
            assertTrue(last.refused(), "send() still took messages after " + accepted);
            assertFalse(last.canSendAfter(), "canSend() agrees with send()");

            for (int i = 0; i < accepted; i++) {
                RawZmtpPeer.Frame frame = pull.readFrame();
                assertEquals(Frames.LONG, frame.flags(), "message " + i + " is one long frame");
                assertArrayEquals(payloadOfSize(i, messageBytes), frame.body(), "message " + i);
            }
            assertTrue(loop.call(() -> push.socket().canSend()), "room again once the peer has read");
            loop.call(() -> {
                push.socket().close(System.nanoTime());
                return null;
            });
            assertEquals(0, pull.readUntilClosed().length, "nothing beyond the " + accepted + " accepted messages");
            return accepted;
        }
    }
}
