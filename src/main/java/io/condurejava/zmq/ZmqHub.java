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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Owns every JeroMQ socket of the server side in stream mode: PUSH {@code -out}, ROUTER
 * {@code -out-stream} and SUB {@code -in}. Runs one platform thread ("zmq") that polls the sockets
 * and the Outbox wake-up pipe, sends what connection threads queued (stopping when ZeroMQ cannot
 * send, so producers block), routes inbound packets by id, and sweeps keep-alives.
 */
public final class ZmqHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    private static final int INITIAL_SEND_HWM = 128;
    static final long SEND_RETRY_MILLIS = 50;
    private static final long KEEP_ALIVE_TICK_MILLIS = 1000;
    private static final int MAX_INBOUND_PER_ROUND = 4096;
    private static final int MAX_ENVELOPE_FRAMES = 8;
    static final int MIN_INBOUND_HWM = 10_000;

    /** What the hub needs to know; built from the settings by the server. */
    public record Options(String instanceId, List<String> streamSpecs, List<String> reqSpecs, boolean connect,
                          int ipcFileMode, int hwm) {}

    private final Options options;
    private final Outbox outbox;
    private final SessionDirectory directory;
    private final KeepAliveSweeper sweeper;
    private final byte[] inPrefix;
    private final List<StreamEndpoints> streamEndpoints;
    private final ZContext context = new ZContext(1);
    private final List<EndpointHandle> endpoints = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long drainDeadline;
    private static final long DRAIN_MILLIS = 1000;
    private static final int CLOSE_LINGER_MILLIS = 500;
    private ZMQ.Socket push;
    private ZMQ.Socket router;
    private ZMQ.Socket sub;
    private RoutedSender routedSender;
    /** Messages moved so far (in or out); a round that moves none goes to sleep. ZeroMQ thread only. */
    private long progress;
    /** When the next keep-alive sweep is due. ZeroMQ thread only. */
    private long nextSweep;
    private ReqChannel reqChannel;
    private Thread thread;

    /** @throws IllegalArgumentException when a stream spec base is not ipc:// or tcp://HOST:PORT */
    public ZmqHub(Options options, Outbox outbox, SessionDirectory directory) {
        this.options = options;
        this.outbox = outbox;
        this.directory = directory;
        this.sweeper = new KeepAliveSweeper(directory, outbox, options.instanceId());
        this.inPrefix = (options.instanceId() + " ").getBytes(StandardCharsets.UTF_8);
        this.streamEndpoints = options.streamSpecs().stream().map(StreamEndpoints::expand).toList();
    }

    /** Creates, binds or connects the sockets on the hub thread and starts polling; throws if any endpoint fails. */
    public void start() throws ZmqEndpointException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        ZmqEndpointException[] failure = new ZmqEndpointException[1];
        thread = Thread.ofPlatform().name("zmq").daemon(true).start(() -> {
            try {
                openSockets();
            } catch (ZmqEndpointException e) {
                failure[0] = e;
                closeSockets();
                stopped.countDown();
                ready.countDown();
                return;
            }
            ready.countDown();
            try {
                loop();
            } catch (RuntimeException | Error e) {
                log.error("ZeroMQ thread failed", e);
            } finally {
                closeSockets();
                stopped.countDown();
            }
        });
        ready.await();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void openSockets() throws ZmqEndpointException {
        push = context.createSocket(SocketType.PUSH);
        push.setSndHWM(INITIAL_SEND_HWM);
        push.setLinger(0);
        router = context.createSocket(SocketType.ROUTER);
        router.setSndHWM(options.hwm());
        router.setRouterMandatory(true);
        router.setLinger(0);
        sub = context.createSocket(SocketType.SUB);
        // PUB/SUB drops what does not fit: take bursts of small handler messages (credits, WebSocket
        // messages) without loss even when Condure's computed HWM is small.
        sub.setRcvHWM(Math.max(options.hwm(), MIN_INBOUND_HWM));
        sub.setLinger(0);
        sub.subscribe(inPrefix);
        for (StreamEndpoints e : streamEndpoints) {
            attach(push, e.out());
            attach(router, e.outStream());
            attach(sub, e.in());
            log.info("zhttp client {} {} {} {}", options.connect() ? "connect" : "bind", e.out(), e.outStream(), e.in());
        }
        if (!options.reqSpecs().isEmpty()) {
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setSndHWM(INITIAL_SEND_HWM);
            dealer.setRcvHWM(options.hwm());
            dealer.setLinger(0);
            for (String spec : options.reqSpecs()) {
                attach(dealer, spec);
                log.info("zhttp client req {} {}", options.connect() ? "connect" : "bind", spec);
            }
            reqChannel = new ReqChannel(dealer, outbox.requestQueue(), directory);
        }
    }

    private void attach(ZMQ.Socket socket, String endpoint) throws ZmqEndpointException {
        endpoints.add(options.connect()
                ? ZmqEndpoints.connect(socket, endpoint)
                : ZmqEndpoints.bind(socket, endpoint, options.ipcFileMode()));
    }

    private void loop() {
        routedSender = new RoutedSender(router, outbox.routedQueue(), options.hwm());
        HubSelector selector = new HubSelector(outbox.wakeSource());
        selector.add(sub, true);
        selector.add(push, false);
        selector.add(router, false);
        if (reqChannel != null) {
            selector.add(reqChannel.socket(), true);
        }
        nextSweep = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_TICK_MILLIS);
        byte[] pendingInitial = null;
        while (running || (draining() && System.nanoTime() - drainDeadline < 0)) {
            try {
                pendingInitial = round(selector, pendingInitial);
            } catch (RuntimeException e) {
                // one bad message or socket state must not stop every session: log and go on
                log.error("ZeroMQ thread: unexpected failure, continuing", e);
            }
        }
        selector.close();
    }

    /** One round of work, then (if nothing moved) a sleep; returns the initial message still waiting for PUSH. */
    private byte[] round(HubSelector selector, byte[] pendingInitial) {
        // A round of work without polling: under load the hub keeps going round here and the
        // expensive poll (and the producers' wake-up writes) are skipped altogether.
        long before = progress;
        receiveInbound();
        if (reqChannel != null) {
            progress += reqChannel.receive();
            progress += reqChannel.flush();
        }
        pendingInitial = flushInitial(pendingInitial);
        progress += routedSender.flush();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            sweeper.sweep(now);
            progress += routedSender.flush();
            nextSweep = now + TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_TICK_MILLIS);
        }
        if (progress != before) {
            return pendingInitial;
        }
        // Nothing moved: arm the wake-up, look once more (a producer may have queued before it was
        // armed), then sleep until a socket or the pipe has something, or a retry/sweep is due.
        outbox.clearWake();
        if (sendable(pendingInitial) || selector.anyReadable()) {
            return pendingInitial;
        }
        if (pendingInitial != null && (push.getEvents() & ZMQ.Poller.POLLOUT) != 0) {
            return pendingInitial; // a handler connected or the pipe drained meanwhile
        }
        long untilSweepMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime()));
        boolean retrying = pendingInitial != null || routedSender.hasBlocked() || (reqChannel != null && reqChannel.hasPending());
        long timeout = retrying ? Math.min(SEND_RETRY_MILLIS, untilSweepMillis) : untilSweepMillis;
        selector.sleep(running ? timeout : Math.min(timeout, 10));
        return pendingInitial;
    }

    private static boolean sendQuietly(ZMQ.Socket socket, byte[] message) {
        try {
            return socket.send(message, ZMQ.DONTWAIT);
        } catch (org.zeromq.ZMQException e) {
            return false; // treated like EAGAIN: retried
        }
    }

    /** Is there queued work the next round could move (not just messages waiting for a blocked socket)? */
    private boolean sendable(byte[] pendingInitial) {
        return (pendingInitial == null && !outbox.initialQueue().isEmpty())
                || (routedSender.canTakeMore() && !outbox.routedQueue().isEmpty())
                || (reqChannel != null && !reqChannel.hasPending() && !outbox.requestQueue().isEmpty());
    }

    private byte[] flushInitial(byte[] pending) {
        byte[] message = pending != null ? pending : outbox.initialQueue().poll();
        while (message != null) {
            if (!sendQuietly(push, message)) {
                return message; // no handler connected or HWM reached: stop draining, producers will block
            }
            progress++;
            traceOut("OUT", message);
            message = outbox.initialQueue().poll();
        }
        return null;
    }

    private void receiveInbound() {
        for (int i = 0; i < MAX_INBOUND_PER_ROUND; i++) {
            byte[] frame = sub.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return;
            }
            int extra = 0;
            while (sub.hasReceiveMore() && extra++ < MAX_ENVELOPE_FRAMES * 4) {
                sub.recv(ZMQ.DONTWAIT); // only the first frame counts (reference §1.3)
            }
            progress++;
            handleInbound(frame);
        }
    }

    private void handleInbound(byte[] frame) {
        int space = indexOf(frame, (byte) ' ');
        if (space < 0 || space + 1 != inPrefix.length || !startsWith(frame, inPrefix)) {
            log.warn("packet not for us dropped ({} bytes)", frame.length);
            return;
        }
        ZhttpPacket packet;
        try {
            packet = ZhttpCodec.decode(frame, space + 1, frame.length - space - 1);
        } catch (ZhttpFormatException e) {
            log.warn("malformed packet from handler dropped: {}", e.getMessage());
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("IN {}", new String(frame, StandardCharsets.ISO_8859_1));
        }
        directory.route(packet);
    }

    static void traceOut(String label, byte[] payload) {
        if (log.isTraceEnabled()) {
            log.trace("{} {}", label, new String(payload, StandardCharsets.ISO_8859_1));
        }
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length && i < 256; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Closes the sockets, giving messages already handed to ZeroMQ (shutdown cancels) up to
     * {@value #CLOSE_LINGER_MILLIS} ms to leave; the ipc relays they travel through close after them.
     */
    private void closeSockets() {
        for (ZMQ.Socket socket : new ZMQ.Socket[] {push, router, reqChannel == null ? null : reqChannel.socket()}) {
            if (socket != null) {
                socket.setLinger(CLOSE_LINGER_MILLIS);
            }
        }
        context.close();
        for (EndpointHandle endpoint : endpoints) {
            endpoint.close();
        }
        endpoints.clear();
    }

    /** True while something queued for handlers has not gone out yet. ZeroMQ thread. */
    private boolean draining() {
        return !outbox.initialQueue().isEmpty() || !outbox.routedQueue().isEmpty() || routedSender.hasBlocked();
    }

    /**
     * Stops the hub thread and closes the sockets (removing bound ipc files); what connection threads
     * queued before (e.g. shutdown cancels) still goes out for up to {@value #DRAIN_MILLIS} ms.
     */
    @Override
    public void close() throws InterruptedException {
        drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        running = false;
        outbox.wake();
        if (thread != null) {
            stopped.await(5, TimeUnit.SECONDS);
        }
        outbox.close();
    }
}
