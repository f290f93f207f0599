package io.condurejava.zmq;

import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpFormatException;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpointException;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Client mode's sockets (reference §2.4, §10). {@code --zserver-stream}: PULL {@code <base>-in}
 * (first messages of sessions, RCVHWM {@value #INITIAL_RECEIVE_HWM}), ROUTER {@code <base>-in-stream}
 * (later messages; identity = instance id) and PUB {@code <base>-out} (every reply, as
 * {@code "<initiator-from> T<dict>"}); tcp bases take ports PORT, PORT+1, PORT+2.
 * {@code --zserver-req}: one ROUTER bound or connected to each spec verbatim
 * ({@link ZServerReqSocket}); a request arrives as {@code [envelope..., "", T<dict>]} and its one
 * reply goes back on the same envelope. Plugs into the {@link ZmqHub} loop: the hub creates the sockets
 * through {@link #open}, watches them with its selector, and calls {@link #service} every round.
 * Exchange threads queue replies with {@link #send} and {@link #sendReq} (bounded, blocking up to a
 * timeout); the hub thread drains the queues, decodes inbound packets and hands them to the
 * {@link Sink} on the hub thread (the sink must not block).
 */
public final class ZServerChannel {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    static final int INITIAL_RECEIVE_HWM = 128;
    private static final int MAX_INBOUND_PER_ROUND = 4096;
    private static final int MAX_ENVELOPE_FRAMES = 8;
    private static final int CLOSE_LINGER_MILLIS = 500;

    /** Receives decoded initiator packets on the ZeroMQ thread; must return quickly. */
    public interface Sink {
        /** A packet from the PULL socket (should be a session's first message). */
        void initial(ZhttpPacket packet);

        /** A packet from the ROUTER socket (a later message of a session). */
        void stream(ZhttpPacket packet);

        /** A req-mode request from the req ROUTER; its reply goes back with {@link #sendReq} on {@code envelope}. */
        void req(ZServerReqEnvelope envelope, ZhttpPacket packet);
    }

    /**
     * Socket settings: the {@code --zserver-stream} bases, the {@code --zserver-req} specs,
     * {@code --zserver-connect}, ipc file mode, HWM, queue bound.
     */
    public record Options(String instanceId, List<String> streamSpecs, List<String> reqSpecs, boolean connect,
                          int ipcFileMode, int hwm, int queueCapacity) {}

    private final Options options;
    private final Outbox wake;
    private final BlockingQueue<byte[]> replies;
    private final ZServerReqSocket req;
    private Sink sink;
    private ZMQ.Socket pull;
    private int pullBit;
    private int routerBit;
    private int pubBit;
    private boolean pullHot = true;
    private boolean routerHot = true;
    private ZMQ.Socket router;
    private ZMQ.Socket pub;

    /** {@code wake} is the hub's Outbox, whose pipe wakes the hub thread when a reply is queued. */
    public ZServerChannel(Options options, Outbox wake) {
        this.options = options;
        this.wake = wake;
        this.replies = new ArrayBlockingQueue<>(options.queueCapacity());
        this.req = options.reqSpecs().isEmpty() ? null : new ZServerReqSocket(options.queueCapacity());
        options.streamSpecs().forEach(ZServerEndpoints::expand); // IllegalArgumentException on a bad base, before start
    }

    /** Sets where inbound packets go; call before the hub starts. */
    public void setSink(Sink sink) {
        this.sink = sink;
    }

    /**
     * Queues one reply for the initiator whose address is {@code to}; blocks while the queue is full.
     *
     * @return false if the queue stayed full for {@code timeoutNanos}
     */
    public boolean send(String to, ZhttpPacket packet, long timeoutNanos) throws InterruptedException {
        byte[] address = to.getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = ZhttpCodec.encode(packet);
        byte[] frame = new byte[address.length + 1 + payload.length];
        System.arraycopy(address, 0, frame, 0, address.length);
        frame[address.length] = ' ';
        System.arraycopy(payload, 0, frame, address.length + 1, payload.length);
        if (!replies.offer(frame, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        wake.wake();
        return true;
    }

    /**
     * Queues the reply to a req-mode request, to go back on its {@code envelope}; blocks while the
     * queue is full.
     *
     * @return false if the queue stayed full for {@code timeoutNanos}
     */
    public boolean sendReq(ZServerReqEnvelope envelope, ZhttpPacket packet, long timeoutNanos) throws InterruptedException {
        if (req == null || !req.queue(envelope, ZhttpCodec.encode(packet), timeoutNanos)) {
            return false;
        }
        wake.wake();
        return true;
    }

    // ---- ZeroMQ thread ----

    /** Creates the sockets in the hub's context and binds or connects them; handles go to {@code endpoints}. */
    void open(ZContext context, List<EndpointHandle> endpoints) throws ZmqEndpointException {
        if (req != null) {
            ZMQ.Socket reqRouter = req.open(context, options.instanceId(), options.hwm());
            for (String spec : options.reqSpecs()) {
                endpoints.add(attach(reqRouter, spec));
                log.info("zhttp server req {} {}", options.connect() ? "connect" : "bind", spec);
            }
        }
        if (options.streamSpecs().isEmpty()) {
            pullHot = false;
            routerHot = false;
            return;
        }
        pull = context.createSocket(SocketType.PULL);
        pull.setRcvHWM(INITIAL_RECEIVE_HWM);
        pull.setLinger(0);
        router = context.createSocket(SocketType.ROUTER);
        router.setIdentity(options.instanceId().getBytes(StandardCharsets.UTF_8));
        router.setRcvHWM(options.hwm());
        router.setLinger(0);
        pub = context.createSocket(SocketType.PUB);
        pub.setSndHWM(options.hwm());
        pub.setLinger(0);
        for (String base : options.streamSpecs()) {
            ZServerEndpoints e = ZServerEndpoints.expand(base);
            endpoints.add(attach(pull, e.in()));
            endpoints.add(attach(router, e.inStream()));
            endpoints.add(attach(pub, e.out()));
            log.info("zhttp server {} {} {} {}", options.connect() ? "connect" : "bind", e.in(), e.inStream(), e.out());
        }
    }

    private EndpointHandle attach(ZMQ.Socket socket, String endpoint) throws ZmqEndpointException {
        return options.connect() ? ZmqEndpoints.connect(socket, endpoint)
                : ZmqEndpoints.bind(socket, endpoint, options.ipcFileMode());
    }

    /**
     * Lets the hub's selector watch the sockets; the bits come back from its sleep when they signal.
     * The req ROUTER (when configured) takes the next bit after {@code pubBit}, which the hub must
     * leave free (its own bits are below {@code pullBit}; the wake-up pipe uses bit 31).
     */
    void register(HubSelector selector, int pullBit, int routerBit, int pubBit) {
        this.pullBit = pullBit;
        this.routerBit = routerBit;
        this.pubBit = pubBit;
        if (pull != null) {
            selector.add(pull, pullBit);
            selector.add(router, routerBit);
            selector.add(pub, pubBit);
        }
        if (req != null) {
            req.register(selector, pubBit << 1);
        }
    }

    /** Notes which input sockets signalled during the hub's sleep (ZMQ_FD is edge-triggered). */
    void signalled(int fired) {
        if (pull != null) {
            pullHot |= (fired & pullBit) != 0;
            routerHot |= (fired & routerBit) != 0;
            if ((fired & pubBit) != 0) {
                pub.getEvents(); // process the PUB socket's commands so its ZMQ_FD quiets down
            }
        }
        if (req != null) {
            req.signalled(fired);
        }
    }

    /** Asks the input sockets whether a message waits (processing their commands); marks them to be read. */
    boolean readable() {
        if (pull != null && (pull.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            pullHot = true;
        }
        if (router != null && (router.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            routerHot = true;
        }
        boolean reqReadable = req != null && req.readable();
        return pullHot || routerHot || reqReadable;
    }

    /** True while an input socket may still hold messages. */
    boolean hasInput() {
        return pullHot || routerHot || (req != null && req.hasInput());
    }

    /** One hub round: read what arrived, then send what exchange threads queued; returns messages moved. */
    int service() {
        int moved = 0;
        if (pullHot) {
            moved += receivePull();
        }
        if (routerHot) {
            moved += receiveRouter();
        }
        if (req != null) {
            moved += req.service(sink);
        }
        return moved + flush();
    }

    boolean hasQueued() {
        return !replies.isEmpty() || (req != null && req.hasQueued());
    }

    /** Lets replies already handed to ZeroMQ leave before the context closes. */
    void prepareClose() {
        if (pub != null) {
            pub.setLinger(CLOSE_LINGER_MILLIS);
        }
        if (req != null) {
            req.prepareClose(CLOSE_LINGER_MILLIS);
        }
    }

    private int flush() {
        int moved = 0;
        byte[] frame;
        while ((frame = replies.poll()) != null) {
            moved++;
            if (!pub.send(frame, ZMQ.DONTWAIT)) {
                log.debug("zserver reply dropped: PUB socket refused it"); // PUB drops at HWM, as Condure's does
            }
            ZmqHub.traceOut("OUT zserver", frame);
        }
        return moved;
    }

    private int receivePull() {
        int i = 0;
        for (; i < MAX_INBOUND_PER_ROUND; i++) {
            byte[] frame = pull.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                pullHot = false;
                return i;
            }
            while (pull.hasReceiveMore()) {
                pull.recv(); // only the first frame counts (reference §1.3)
            }
            ZhttpPacket packet = decode(frame);
            if (packet != null) {
                sink.initial(packet);
            }
        }
        return i;
    }

    private int receiveRouter() {
        int i = 0;
        for (; i < MAX_INBOUND_PER_ROUND; i++) {
            byte[] frame = router.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                routerHot = false;
                return i;
            }
            int envelope = 0;
            while (frame.length > 0 && router.hasReceiveMore() && envelope < MAX_ENVELOPE_FRAMES) {
                frame = router.recv();
                envelope++;
            }
            byte[] payload = frame.length == 0 && router.hasReceiveMore() ? router.recv() : null;
            while (router.hasReceiveMore()) {
                router.recv();
            }
            if (payload == null) {
                log.warn("zserver stream message without an envelope delimiter or payload dropped");
                continue;
            }
            ZhttpPacket packet = decode(payload);
            if (packet != null) {
                sink.stream(packet);
            }
        }
        return i;
    }

    static ZhttpPacket decode(byte[] payload) {
        try {
            return ZhttpCodec.decode(payload, 0, payload.length);
        } catch (ZhttpFormatException e) {
            log.warn("malformed packet from initiator dropped: {}", e.getMessage());
            return null;
        }
    }
}
