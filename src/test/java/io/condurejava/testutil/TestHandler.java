package io.condurejava.testutil;

import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scriptable ZHTTP handler for tests, on real JeroMQ sockets: PULL on {@code -out}, ROUTER (with a
 * unique identity) on {@code -out-stream}, PUB on {@code -in}. Every method must be called from one
 * thread (the test's, or the thread of {@link AutoHandler}).
 */
public final class TestHandler implements AutoCloseable {
    /** One packet received, and whether it came through the PUSH (initial) or ROUTER socket. */
    public record Received(ZhttpPacket packet, boolean initial) {
        public String id() {
            return packet.firstId();
        }

        public Payload payload() {
            return packet.payload();
        }

        public long seq() {
            return packet.ids().get(0).seq();
        }
    }

    private static int counter;

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket pull;
    private final ZMQ.Socket router;
    private final ZMQ.Socket pub;
    private final ZMQ.Poller poller;
    private final String identity;
    private final String serverId;
    private final List<EndpointHandle> endpoints = new ArrayList<>();
    private final Map<String, Long> outSeq = new HashMap<>();

    public TestHandler(String base) {
        this(base, "condure");
    }

    public TestHandler(String base, String serverId) {
        this.serverId = serverId;
        synchronized (TestHandler.class) {
            identity = "test-handler-" + ProcessHandle.current().pid() + "-" + (counter++);
        }
        pull = context.createSocket(SocketType.PULL);
        router = context.createSocket(SocketType.ROUTER);
        router.setIdentity(identity.getBytes(StandardCharsets.UTF_8));
        pub = context.createSocket(SocketType.XPUB); // XPUB: we can see the server's subscription arrive
        pub.setSndHWM(1_000_000); // a PUB drops what exceeds its HWM: bursts of credits must not be lost
        // The server hands messages to a new peer before its handshake is done, and JeroMQ sometimes
        // stalls a fresh connect (zeromq/jeromq#1022): wait until ours are through (see HandshakeWatch).
        HandshakeWatch pullReady = HandshakeWatch.on(context, pull);
        HandshakeWatch routerReady = HandshakeWatch.on(context, router);
        try {
            endpoints.add(ZmqEndpoints.connect(pull, base + "-out"));
            endpoints.add(ZmqEndpoints.connect(router, outStream(base)));
            endpoints.add(ZmqEndpoints.connect(pub, in(base)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        awaitSubscription(Duration.ofSeconds(10));
        pullReady.await(Duration.ofSeconds(10));
        routerReady.await(Duration.ofSeconds(10));
        poller = context.createPoller(2);
        poller.register(pull, ZMQ.Poller.POLLIN);
        poller.register(router, ZMQ.Poller.POLLIN);
    }

    /** Blocks until the server's SUB subscription reached our publisher, so no reply is lost. */
    private void awaitSubscription(Duration timeout) {
        pub.setReceiveTimeOut((int) timeout.toMillis());
        byte[] subscription = pub.recv();
        if (subscription == null || subscription.length == 0 || subscription[0] != 1) {
            throw new IllegalStateException("server did not subscribe within " + timeout);
        }
    }

    private static String outStream(String base) {
        return base.startsWith("tcp://") ? shiftPort(base, 1) : base + "-out-stream";
    }

    private static String in(String base) {
        return base.startsWith("tcp://") ? shiftPort(base, 2) : base + "-in";
    }

    private static String shiftPort(String base, int by) {
        int colon = base.lastIndexOf(':');
        return base.substring(0, colon + 1) + (Integer.parseInt(base.substring(colon + 1)) + by);
    }

    public String identity() {
        return identity;
    }

    /** Waits up to {@code timeout} for the next packet from the server; null if none came. */
    public Received receive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] raw = pull.recv(ZMQ.DONTWAIT);
            if (raw != null) {
                return new Received(decode(raw), true);
            }
            List<byte[]> frames = new ArrayList<>();
            byte[] frame = router.recv(ZMQ.DONTWAIT);
            if (frame != null) {
                frames.add(frame);
                while (router.hasReceiveMore()) {
                    frames.add(router.recv());
                }
                return new Received(decode(frames.get(frames.size() - 1)), false);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            poller.poll(Math.max(1, Math.min(left / 1_000_000, 100)));
        }
    }

    /** Like {@link #receive} but fails when nothing arrives. */
    public Received expect(Duration timeout) {
        Received r = receive(timeout);
        if (r == null) {
            throw new AssertionError("handler received nothing within " + timeout);
        }
        return r;
    }

    /** Receives until a packet whose payload is of the given type arrives (others are skipped). */
    public <T extends Payload> Received expect(Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received r = receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + timeout);
            }
            if (type.isInstance(r.payload())) {
                return r;
            }
        }
    }

    private static ZhttpPacket decode(byte[] raw) {
        try {
            return ZhttpCodec.decode(raw, 0, raw.length);
        } catch (Exception e) {
            throw new AssertionError("server sent an undecodable packet: " + new String(raw, StandardCharsets.ISO_8859_1), e);
        }
    }

    /** Sends a packet for {@code id} with the next seq of this handler for that id. */
    public void send(String id, Payload payload) {
        long seq = outSeq.merge(id, 1L, Long::sum) - 1;
        sendPacket(new ZhttpPacket(identity, List.of(new IdSeq(id, seq)), false, payload));
    }

    /** Sends a packet exactly as given (tests of seq and multi-id handling). */
    public void sendPacket(ZhttpPacket packet) {
        sendRaw(ZhttpCodec.encode(packet));
    }

    /** Sends raw bytes after the "<server-id> " prefix (tests of malformed input). */
    public void sendRaw(byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes((serverId + " ").getBytes(StandardCharsets.UTF_8));
        frame.writeBytes(payload);
        pub.send(frame.toByteArray());
    }

    /** Forgets the seq counter of an id (a new request reuses nothing, but tests may restart). */
    public long nextSeq(String id) {
        return outSeq.getOrDefault(id, 0L);
    }

    @Override
    public void close() {
        endpoints.forEach(EndpointHandle::close);
        poller.close();
        context.close();
    }
}
