package io.condurejava.zmq;

import io.condurejava.zhttp.EncodedPacket;
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
 * Owns every ZeroMQ socket of the server side: stream mode's PUSH {@code -out}, ROUTER {@code -out-stream}
 * and SUB {@code -in} ({@link StreamSockets}: spoken natively when bound, else by JeroMQ), req mode's DEALER
 * and client mode's sockets. Runs one platform thread ("zmq") that polls the sockets
 * and the Outbox wake-up pipe, sends what connection threads queued (stopping when ZeroMQ cannot
 * send, so producers block), routes inbound packets by id, and sweeps keep-alives.
 */
public final class ZmqHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    private static final int INITIAL_SEND_HWM = 128;
    static final long SEND_RETRY_MILLIS = 50;
    private static final long KEEP_ALIVE_TICK_MILLIS = 1000;
    private static final int MAX_INBOUND_PER_ROUND = 4096;
    static final int MIN_INBOUND_HWM = 10_000;

    /** What the hub needs to know; built from the settings by the server. */
    public record Options(String instanceId, List<String> streamSpecs, List<String> reqSpecs, boolean connect,
                          int ipcFileMode, int hwm, boolean nativeZmtp) {

        /** As Condure's own: bound stream sockets spoken natively. */
        public Options(String instanceId, List<String> streamSpecs, List<String> reqSpecs, boolean connect,
                       int ipcFileMode, int hwm) {
            this(instanceId, streamSpecs, reqSpecs, connect, ipcFileMode, hwm, true);
        }
    }

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
    private StreamSockets streamSockets;
    private RoutedSender routedSender;
    /** Messages moved so far (in or out); a round that moves none goes to sleep. ZeroMQ thread only. */
    private long progress;
    private volatile long wakeUps; // times the thread woke from its selector (written by the ZeroMQ thread only)
    /** When the next keep-alive sweep is due. ZeroMQ thread only. */
    private long nextSweep;
    // JeromqStreamSockets uses bits 1 (SUB), 4 (PUSH) and 8 (ROUTER)
    private static final int REQ_BIT = 2;
    private static final int ZSERVER_PULL_BIT = 16;
    private static final int ZSERVER_ROUTER_BIT = 32;
    private static final int ZSERVER_PUB_BIT = 64;
    // ZServerChannel gives its req ROUTER the next bit (ZSERVER_PUB_BIT << 1 = 128): keep 128 free here.
    private ReqChannel reqChannel;
    private final ZServerChannel zserver; // client mode (issue #6); null when no --zserver-stream
    private Thread thread;

    /** @throws IllegalArgumentException when a stream spec base is not ipc:// or tcp://HOST:PORT */
    public ZmqHub(Options options, Outbox outbox, SessionDirectory directory) {
        this(options, outbox, directory, null);
    }

    /** As above, plus client mode's sockets ({@code zserver} may be null). */
    public ZmqHub(Options options, Outbox outbox, SessionDirectory directory, ZServerChannel zserver) {
        this.zserver = zserver;
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
        if (usesNativeZmtp()) {
            NativeStreamSockets natives = new NativeStreamSockets(INITIAL_SEND_HWM, options.hwm(), inPrefix);
            streamSockets = natives;
            for (StreamEndpoints e : streamEndpoints) {
                natives.bind(e, options.ipcFileMode(), endpoints);
                log.info("zhttp client bind {} {} {}", e.out(), e.outStream(), e.in());
            }
        } else {
            // PUB/SUB drops what does not fit: take bursts of small handler messages (credits, WebSocket
            // messages) without loss even when Condure's computed HWM is small.
            JeromqStreamSockets jeromq = new JeromqStreamSockets(context, INITIAL_SEND_HWM, options.hwm(),
                    Math.max(options.hwm(), MIN_INBOUND_HWM), inPrefix);
            streamSockets = jeromq;
            for (StreamEndpoints e : streamEndpoints) {
                attach(jeromq.push, e.out());
                attach(jeromq.router, e.outStream());
                attach(jeromq.sub, e.in());
                log.info("zhttp client {} {} {} {}", options.connect() ? "connect" : "bind", e.out(), e.outStream(),
                        e.in());
            }
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
        if (zserver != null) {
            zserver.open(context, endpoints); // client mode (issue #6)
        }
    }

    /**
     * Bound stream sockets are spoken by this thread itself unless turned off; connecting ones use JeroMQ
     * (which reconnects by itself).
     */
    private boolean usesNativeZmtp() {
        return options.nativeZmtp() && !options.connect();
    }

    private void attach(ZMQ.Socket socket, String endpoint) throws ZmqEndpointException {
        endpoints.add(options.connect()
                ? ZmqEndpoints.connect(socket, endpoint)
                : ZmqEndpoints.bind(socket, endpoint, options.ipcFileMode()));
    }

    private void loop() {
        routedSender = new RoutedSender(streamSockets::sendRouted, outbox.routedQueue(), options.hwm());
        HubSelector selector = new HubSelector(outbox.wakeSource());
        streamSockets.watch(selector);
        if (reqChannel != null) {
            selector.add(reqChannel.socket(), REQ_BIT);
        }
        if (zserver != null) {
            zserver.register(selector, ZSERVER_PULL_BIT, ZSERVER_ROUTER_BIT, ZSERVER_PUB_BIT); // client mode (issue #6)
        }
        nextSweep = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_TICK_MILLIS);
        EncodedPacket pendingInitial = null;
        while (running || (draining() && System.nanoTime() - drainDeadline < 0)) {
            try {
                pendingInitial = round(selector, pendingInitial);
            } catch (RuntimeException e) {
                // one bad message or socket state must not stop every session: log and go on
                log.error("ZeroMQ thread: unexpected failure, continuing", e);
            }
        }
        streamSockets.prepareClose(CLOSE_LINGER_MILLIS); // native sockets linger on this selector
        selector.close();
    }

    /**
     * One round of work, then (if nothing moved) a sleep; returns the initial message still waiting
     * for PUSH. Under load the thread keeps going round without sleeping, so neither the selector nor
     * the producers' wake-up writes cost anything. Before sleeping it asks the input sockets for
     * their events (ZMQ_FD is edge-triggered and may stay quiet for a message whose activation an
     * earlier call already handled: skipping this check cost a single client ~2 ms per round trip).
     */
    private EncodedPacket round(HubSelector selector, EncodedPacket pendingInitial) {
        long before = progress;
        afterWake(streamSockets.beforeRound(selector));
        receiveInbound();
        if (reqChannel != null) {
            progress += reqChannel.receive();
            progress += reqChannel.flush();
        }
        if (zserver != null) {
            zserver.signalled(ZSERVER_PULL_BIT | ZSERVER_ROUTER_BIT); // client mode (issue #6): read both
            progress += zserver.service();
        }
        pendingInitial = flushInitial(pendingInitial);
        progress += routedSender.flush();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
            sweeper.sweep(now);
            progress += routedSender.flush();
            streamSockets.tick(now);
            nextSweep = now + TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_TICK_MILLIS);
        }
        streamSockets.afterRound();
        if (progress != before) {
            return pendingInitial;
        }
        // Nothing moved: arm the wake-up, look once more (a producer may have queued before it was
        // armed, a socket may hold a message), then sleep until a socket or the pipe signals, or a
        // retry or sweep is due.
        outbox.clearWake(true);
        if (sendable(pendingInitial) || inputWaiting()) {
            return pendingInitial;
        }
        if (pendingInitial != null && streamSockets.canSendInitial()) {
            return pendingInitial; // a handler connected or the pipe drained meanwhile
        }
        long untilSweepMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime()));
        boolean retrying = pendingInitial != null || routedSender.hasBlocked() || (reqChannel != null && reqChannel.hasPending());
        long timeout = retrying ? Math.min(SEND_RETRY_MILLIS, untilSweepMillis) : untilSweepMillis;
        int fired = selector.sleep(running ? timeout : Math.min(timeout, 10));
        wakeUps++; // a single writer: the ZeroMQ thread
        afterWake(fired);
        return pendingInitial;
    }

    /** Lets the sockets whose selector bits fired process what signalled them. */
    private void afterWake(int fired) {
        if (fired == 0) {
            return;
        }
        streamSockets.signalled(fired);
        if (zserver != null) {
            zserver.signalled(fired);
        }
    }

    /**
     * How many times the ZeroMQ thread has woken from its selector. An idle hub wakes about once per
     * keep-alive tick (1 s); a socket signal left unprocessed makes it wake without end (a spin).
     */
    public long wakeUps() {
        return wakeUps;
    }

    /** True when an input socket has a message waiting (asking processes its pending commands). */
    private boolean inputWaiting() {
        return streamSockets.inputWaiting()
                || (reqChannel != null && (reqChannel.socket().getEvents() & ZMQ.Poller.POLLIN) != 0)
                || (zserver != null && zserver.readable());
    }

    /** Is there queued work the next round could move (not just messages waiting for a blocked socket)? */
    private boolean sendable(EncodedPacket pendingInitial) {
        return (pendingInitial == null && !outbox.initialQueue().isEmpty())
                || (routedSender.canTakeMore() && !outbox.routedQueue().isEmpty())
                || (reqChannel != null && !reqChannel.hasPending() && !outbox.requestQueue().isEmpty())
                || (zserver != null && zserver.hasQueued());
    }

    private EncodedPacket flushInitial(EncodedPacket pending) {
        EncodedPacket message = pending != null ? pending : outbox.initialQueue().poll();
        while (message != null) {
            if (!streamSockets.sendInitial(message.bytes(), message.offset(), message.length())) {
                return message; // no handler connected or HWM reached: stop draining, producers will block
            }
            progress++;
            traceOut("OUT", message.bytes(), message.offset(), message.length());
            message.recycle(); // the socket copied it
            message = outbox.initialQueue().poll();
        }
        return null;
    }

    /** Reads what the SUB socket holds (at most a round's worth). */
    private void receiveInbound() {
        for (int i = 0; i < MAX_INBOUND_PER_ROUND; i++) {
            byte[] frame = streamSockets.receive();
            if (frame == null) {
                return;
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
        traceOut(label, payload, 0, payload.length);
    }

    static void traceOut(String label, byte[] payload, int offset, int length) {
        if (log.isTraceEnabled()) {
            log.trace("{} {}", label, new String(payload, offset, length, StandardCharsets.ISO_8859_1));
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
        if (streamSockets != null) {
            streamSockets.prepareClose(CLOSE_LINGER_MILLIS);
        }
        if (reqChannel != null) {
            reqChannel.socket().setLinger(CLOSE_LINGER_MILLIS);
        }
        if (zserver != null) {
            zserver.prepareClose(); // client mode (issue #6)
        }
        context.close();
        for (EndpointHandle endpoint : endpoints) {
            endpoint.close();
        }
        endpoints.clear();
    }

    /** True while something queued for handlers has not gone out yet. ZeroMQ thread. */
    private boolean draining() {
        return !outbox.initialQueue().isEmpty() || !outbox.routedQueue().isEmpty() || routedSender.hasBlocked()
                || streamSockets.hasPendingOutput()
                || (zserver != null && zserver.hasQueued());
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
