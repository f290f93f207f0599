package io.condurejava.zmq.zmtp;

import static io.condurejava.zmq.zmtp.Payloads.ascii;
import static io.condurejava.zmq.zmtp.Payloads.payload;
import static io.condurejava.zmq.zmtp.Payloads.payloadOfSize;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ZmtpSocket} on a Unix socket with libzmq peers (pyzmq scripts): PULL, ROUTER with identity, XPUB. */
class ZmtpSocketPythonTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final long SCRIPT_EXIT_SECONDS = 20;
    static final int HWM = 1000;
    static final byte[] NO_SUBSCRIPTION = new byte[0];
    static final int MESSAGE_COUNT = 20;
    static final int BIG_INDEX = 10;
    static final int BIG_BYTES = 200_000;

    /** Prints "index frames sha256" per message received, then DONE; gives up after 10 s without a message. */
    static final String PULL_SCRIPT = """
            import hashlib, signal, sys, zmq
            signal.alarm(30)
            c = zmq.Context()
            s = c.socket(zmq.PULL)
            s.setsockopt(zmq.RCVTIMEO, 10000)
            s.connect(sys.argv[1])
            for i in range(int(sys.argv[2])):
                frames = s.recv_multipart()
                print(i, len(frames), hashlib.sha256(b"".join(frames)).hexdigest(), flush=True)
            s.close(linger=0)
            c.term()
            print("DONE", flush=True)
            """;

    /** Prints "frames|routing id length|delimiter hex|payload" per message received, then DONE. */
    static final String ROUTER_SCRIPT = """
            import signal, sys, zmq
            signal.alarm(30)
            c = zmq.Context()
            s = c.socket(zmq.ROUTER)
            s.setsockopt(zmq.IDENTITY, b"py-handler")
            s.setsockopt(zmq.RCVTIMEO, 10000)
            s.connect(sys.argv[1])
            for _ in range(int(sys.argv[2])):
                frames = s.recv_multipart()
                print("%d|%d|%s|%s" % (len(frames), len(frames[0]), frames[1].hex(),
                                       frames[-1].decode()), flush=True)
            s.close(linger=0)
            c.term()
            print("DONE", flush=True)
            """;

    /** Prints the subscription it receives in hex, publishes two messages and exits once they are sent. */
    static final String XPUB_SCRIPT = """
            import signal, sys, zmq
            signal.alarm(30)
            c = zmq.Context()
            s = c.socket(zmq.XPUB)
            s.setsockopt(zmq.RCVTIMEO, 10000)
            s.connect(sys.argv[1])
            print("SUBSCRIPTION", s.recv().hex(), flush=True)
            s.send(b"not for condure")
            s.send_multipart([b"condure hello", b"second frame"])
            s.close(linger=10000)
            c.term()
            print("DONE", flush=True)
            """;

    @TempDir
    Path dir;

    private ZmtpLoop loop;

    @BeforeEach
    void start() throws Exception {
        PyzmqScript.assumeUsable();
        loop = new ZmtpLoop();
    }

    @AfterEach
    void stop() throws Exception {
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void pyzmqPullReceivesWhatOurPushSends() throws Exception {
        ZmtpLoop.Bound push = loop.listen(ZmtpSocket.Type.PUSH, HWM, NO_SUBSCRIPTION, endpoint("push"));
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGE_COUNT; i++) {
            sent.add(i == BIG_INDEX ? payloadOfSize(i, BIG_BYTES) : payload(i));
        }
        try (PyzmqScript pull = PyzmqScript.run(PULL_SCRIPT, push.connectTo(), Integer.toString(MESSAGE_COUNT))) {
            awaitActive(push, pull);

            assertTrue(loop.call(() -> {
                boolean all = true;
                for (byte[] message : sent) {
                    all &= push.socket().send(message);
                }
                return all;
            }));

            assertEquals(0, pull.exitCode(SCRIPT_EXIT_SECONDS), () -> "output: " + pull.output());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGE_COUNT; i++) {
                expected.add(i + " 1 " + sha256(sent.get(i)));
            }
            expected.add("DONE");
            assertEquals(expected, pull.output());
        }
    }

    @Test
    void pyzmqRouterWithAnIdentityReceivesRoutedMessages() throws Exception {
        ZmtpLoop.Bound router = loop.listen(ZmtpSocket.Type.ROUTER, HWM, NO_SUBSCRIPTION, endpoint("router"));
        try (PyzmqScript handler = PyzmqScript.run(ROUTER_SCRIPT, router.connectTo(), "2")) {
            awaitActive(router, handler);

            assertEquals(ZmtpSocket.Route.SENT,
                    loop.call(() -> router.socket().route(ascii("py-handler"), ascii("hello 1"))));
            assertEquals(ZmtpSocket.Route.UNREACHABLE,
                    loop.call(() -> router.socket().route(ascii("py-other"), ascii("lost"))));
            assertEquals(ZmtpSocket.Route.SENT,
                    loop.call(() -> router.socket().route(ascii("py-handler"), ascii("hello 2"))));

            assertEquals(0, handler.exitCode(SCRIPT_EXIT_SECONDS), () -> "output: " + handler.output());
            List<String> lines = handler.output();
            assertEquals(3, lines.size(), () -> "output: " + lines);
            for (int i = 0; i < 2; i++) {
                String[] fields = lines.get(i).split("\\|", -1);
                assertEquals("3", fields[0], "routing id, delimiter, payload: " + lines.get(i));
                assertTrue(Integer.parseInt(fields[1]) > 0, "a routing id for our connection");
                assertEquals("", fields[2], "empty delimiter");
                assertEquals("hello " + (i + 1), fields[3]);
            }
            assertEquals("DONE", lines.get(2));
        }
    }

    @Test
    void pyzmqXpubGetsOurSubscriptionAndItsMatchingMessageArrives() throws Exception {
        ZmtpLoop.Bound sub = loop.listen(ZmtpSocket.Type.SUB, HWM, ascii("condure "), endpoint("sub"));
        try (PyzmqScript xpub = PyzmqScript.run(XPUB_SCRIPT, sub.connectTo())) {
            List<String> received = new ArrayList<>();
            try {
                await().atMost(WAIT).until(() -> {
                    byte[] message = loop.call(() -> sub.socket().receive());
                    if (message != null) {
                        received.add(new String(message, StandardCharsets.UTF_8));
                    }
                    return !received.isEmpty();
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("nothing from the XPUB; python output: " + xpub.output(), e);
            }

            assertEquals(List.of("condure hello"), received, () -> "python output: " + xpub.output());
            assertEquals(0, xpub.exitCode(SCRIPT_EXIT_SECONDS), () -> "output: " + xpub.output());
            assertEquals(List.of("SUBSCRIPTION " + HexFormat.of().formatHex(ascii("\u0001condure ")), "DONE"),
                    xpub.output());
            assertNull(loop.call(() -> sub.socket().receive()), "only the first frame of the one matching message");
        }
    }

    private String endpoint(String name) {
        return "ipc://" + dir.resolve(name);
    }

    private void awaitActive(ZmtpLoop.Bound bound, PyzmqScript script) {
        await().atMost(WAIT).until(() -> {
            if (!script.running()) {
                throw new AssertionError("python script ended early; output " + script.output());
            }
            return loop.call(() -> bound.socket().activePeers()) == 1;
        });
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
