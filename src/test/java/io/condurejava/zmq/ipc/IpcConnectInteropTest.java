package io.condurejava.zmq.ipc;

import static io.condurejava.zmq.ipc.IpcBindInteropTest.receiveMessage;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * JeroMQ PUB and ROUTER connect over ipc:// to a libzmq (pyzmq) SUB and ROUTER that bound the Unix sockets,
 * the way Condure with --zclient-connect talks to a handler; messages flow both ways. Test thread.
 */
class IpcConnectInteropTest {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final int PUBLISH_WAIT_MILLIS = 50;
    static final String HANDLER_ID = "handler-1";

    static final String HANDLER_SCRIPT = """
            import sys, zmq
            c = zmq.Context()
            sub = c.socket(zmq.SUB)
            sub.setsockopt(zmq.SUBSCRIBE, b"condure ")
            sub.bind(sys.argv[1])
            router = c.socket(zmq.ROUTER)
            router.setsockopt(zmq.IDENTITY, b"handler-1")
            router.bind(sys.argv[2])
            poller = zmq.Poller()
            poller.register(sub, zmq.POLLIN)
            poller.register(router, zmq.POLLIN)
            peer = None
            published = None
            while peer is None or published is None:
                events = dict(poller.poll(10000))
                if not events:
                    print("TIMEOUT", flush=True)
                    sys.exit(1)
                if router in events:
                    frames = router.recv_multipart()
                    peer = frames[0]
                    print("ROUTER", len(frames), len(frames[1]), frames[2].decode(), flush=True)
                if sub in events and published is None:
                    published = sub.recv()
                    print("SUB", published.decode(), flush=True)
            router.send_multipart([peer, b"", b"got " + published])
            router.close(linger=5000)
            sub.close(linger=0)
            c.term()
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void needPython() {
        PythonPeer.assumeAvailable();
    }

    @Test
    void jeromqPubAndRouterTalkToPyzmqBoundOverUnixSockets() throws Exception {
        String in = "ipc://" + dir.resolve("h-in");
        String outStream = "ipc://" + dir.resolve("h-out-stream");
        try (ZContext context = new ZContext();
                PythonPeer python = PythonPeer.start(HANDLER_SCRIPT, in, outStream)) {
            ZMQ.Socket pub = context.createSocket(SocketType.PUB);
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            router.setRouterMandatory(true);
            router.setReceiveTimeOut(PUBLISH_WAIT_MILLIS);
            // Connect before python has bound: the relay drops JeroMQ's attempts until the files appear.
            try (EndpointHandle pubHandle = ZmqEndpoints.connect(pub, in);
                    EndpointHandle routerHandle = ZmqEndpoints.connect(router, outStream)) {
                assertEquals(in, pubHandle.endpoint());
                await().atMost(DEADLINE).pollInSameThread().pollInterval(Duration.ofMillis(20))
                        .until(() -> trySendRouted(router, "hello"));

                List<byte[]> reply = publishUntilReply(pub, router, python);

                List<String> frames = reply.stream().map(IpcBindInteropTest::text).toList();
                assertEquals(3, frames.size(), () -> "3-frame envelope expected: " + frames);
                assertEquals(HANDLER_ID, frames.get(0));
                assertEquals("", frames.get(1));
                assertTrue(frames.get(2).matches("got condure T\\d+"), frames.get(2));
                assertEquals(0, python.awaitExit(10), () -> "python output: " + python.lines());
                List<String> lines = python.lines();
                assertTrue(lines.contains("ROUTER 3 0 hello"), () -> "python saw: " + lines);
                assertTrue(lines.stream().anyMatch(l -> l.matches("SUB condure T\\d+")), () -> "python saw: " + lines);
            }
        }
    }

    /** Publishes numbered messages until the handler's ROUTER reply arrives (subscriptions take a moment). */
    private static List<byte[]> publishUntilReply(ZMQ.Socket pub, ZMQ.Socket router, PythonPeer python) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int n = 1; System.nanoTime() < deadline; n++) {
            pub.send(("condure T" + n).getBytes(StandardCharsets.UTF_8));
            byte[] first = router.recv();
            if (first != null) {
                List<byte[]> rest = router.hasReceiveMore() ? receiveMessage(router, python) : List.of();
                return concat(first, rest);
            }
        }
        throw new AssertionError("no reply from the python handler; it printed " + python.lines());
    }

    private static List<byte[]> concat(byte[] first, List<byte[]> rest) {
        List<byte[]> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static boolean trySendRouted(ZMQ.Socket router, String payload) {
        try {
            return router.sendMore(HANDLER_ID) && router.sendMore("") && router.send(payload);
        } catch (ZMQException e) {
            return false; // EHOSTUNREACH until the handler's ROUTER is connected
        }
    }
}
