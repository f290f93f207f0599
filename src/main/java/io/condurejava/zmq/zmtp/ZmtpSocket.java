package io.condurejava.zmq.zmtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound ZeroMQ socket spoken natively: PUSH (round-robin over handlers with room), ROUTER (to a handler by
 * the identity in its READY; mandatory: an unknown identity is reported, not queued) or SUB (subscribes each
 * handler to one prefix, keeps the first frame of each message). It listens on Unix or TCP channels that the
 * ZeroMQ thread's selector watches, so no other thread touches it. Runs on the ZeroMQ thread.
 */
public final class ZmtpSocket {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    /** Largest frame a handler may send; a larger one closes its connection (Condure sets no limit). */
    public static final long MAX_FRAME_BYTES = 256L * 1024 * 1024;
    /** How long a pending handshake makes an unknown ROUTER address worth retrying (see {@link #route}). */
    static final long HANDSHAKE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A connection that has not finished its handshake by then is closed (ZeroMQ's ZMQ_HANDSHAKE_IVL default). */
    static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final byte SUBSCRIBE = 1;

    /** The kinds of socket the server side of stream mode binds. */
    public enum Type { PUSH, ROUTER, SUB }

    /** What became of a routed message. */
    public enum Route { SENT, FULL, UNREACHABLE }

    private final Type type;
    private final int hwm;
    private final byte[] subscription;
    private final byte[] readyBody;
    private final List<ZmtpListener> listeners = new ArrayList<>();
    private final List<ZmtpPeer> peers = new ArrayList<>();
    private final List<ZmtpPeer> active = new ArrayList<>();
    private final Map<ByteBuffer, ZmtpPeer> byIdentity = new HashMap<>();
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private Selector selector;
    private boolean closed;
    private int nextPeer;
    private int generatedIdentities;

    /**
     * @param hwm messages a peer may have waiting to be written before it counts as full
     * @param subscription for SUB: the prefix every handler is subscribed to; ignored otherwise
     */
    public ZmtpSocket(Type type, int hwm, byte[] subscription) {
        this.type = type;
        this.hwm = Math.max(1, hwm);
        byte[] sub = new byte[subscription.length + 1];
        sub[0] = SUBSCRIBE;
        System.arraycopy(subscription, 0, sub, 1, subscription.length);
        this.subscription = sub;
        this.readyBody = Commands.ready(type.name());
    }

    /** Adds a bound listening channel; it is watched once {@link #start} has run. */
    public void listen(ServerSocketChannel channel, String endpoint) {
        listeners.add(new ZmtpListener(this, channel, endpoint));
    }

    /** Registers the listeners with the ZeroMQ thread's selector. */
    public void start(Selector selector) throws IOException {
        this.selector = selector;
        for (ZmtpListener listener : listeners) {
            listener.channel().configureBlocking(false);
            listener.channel().register(selector, SelectionKey.OP_ACCEPT, listener);
        }
    }

    /** PUSH: queues the message to the next handler with room; false when none has (no handler, or all full). */
    public boolean send(byte[] payload) {
        return send(payload, 0, payload.length);
    }

    /** As {@link #send(byte[])} for {@code payload[offset, offset + length)}. */
    public boolean send(byte[] payload, int offset, int length) {
        int count = active.size();
        for (int i = 0; i < count; i++) {
            ZmtpPeer peer = active.get((nextPeer + i) % count);
            if (!peer.full(hwm)) {
                peer.queue(payload, offset, length);
                nextPeer = (nextPeer + i + 1) % count;
                return true;
            }
        }
        return false;
    }

    /** PUSH: true when {@link #send} would take a message now. */
    public boolean canSend() {
        for (ZmtpPeer peer : active) {
            if (!peer.full(hwm)) {
                return true;
            }
        }
        return false;
    }

    /**
     * ROUTER: queues {@code ["", payload]} to the handler whose identity is {@code address}. An unknown
     * address is FULL rather than UNREACHABLE while a handler connection accepted within
     * {@link #HANDSHAKE_GRACE_NANOS} is still in its handshake: it may be that handler, whose READY (and so
     * its identity) has not arrived yet, so the caller retries instead of losing the message.
     */
    public Route route(byte[] address, byte[] payload) {
        return route(address, payload, 0, payload.length);
    }

    /** As {@link #route(byte[], byte[])} for {@code payload[offset, offset + length)}. */
    public Route route(byte[] address, byte[] payload, int offset, int length) {
        ZmtpPeer peer = byIdentity.get(ByteBuffer.wrap(address));
        if (peer == null) {
            return handshakeUnderway(System.nanoTime()) ? Route.FULL : Route.UNREACHABLE;
        }
        if (peer.full(hwm)) {
            return Route.FULL;
        }
        peer.queueAfterEmptyDelimiter(payload, offset, length);
        return Route.SENT;
    }

    /** SUB: the first frame of the oldest message received, or null. */
    public byte[] receive() {
        return inbound.poll();
    }

    /** SUB: true when {@link #receive} has a message. */
    public boolean hasReceived() {
        return !inbound.isEmpty();
    }

    /** Writes what every handler connection has waiting (once per hub round). */
    public void flush() {
        for (int i = peers.size() - 1; i >= 0; i--) { // backwards: a failed write removes its peer
            peers.get(i).flush();
        }
    }

    private boolean handshakeUnderway(long nowNanos) {
        for (int i = 0; i < peers.size(); i++) {
            ZmtpPeer peer = peers.get(i);
            if (!peer.active() && nowNanos - peer.acceptedAtNanos() < HANDSHAKE_GRACE_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** Closes connections whose handshake has not finished within {@link #HANDSHAKE_TIMEOUT_NANOS}. */
    public void expireHandshakes(long nowNanos) {
        for (int i = peers.size() - 1; i >= 0; i--) {
            ZmtpPeer peer = peers.get(i);
            if (!peer.active() && nowNanos - peer.acceptedAtNanos() > HANDSHAKE_TIMEOUT_NANOS) {
                peer.close("no ZMTP handshake within " + TimeUnit.NANOSECONDS.toSeconds(HANDSHAKE_TIMEOUT_NANOS) + " s",
                        true);
            }
        }
    }

    /** True while some handler connection has bytes not yet written. */
    public boolean hasPendingOutput() {
        for (ZmtpPeer peer : peers) {
            if (peer.hasPendingOutput()) {
                return true;
            }
        }
        return false;
    }

    /** Handler connections that finished their handshake (for tests and logs). */
    public int activePeers() {
        return active.size();
    }

    /**
     * Gives queued messages until {@code deadlineNanos} ({@link System#nanoTime()}) to leave, then closes every
     * connection and stops listening (the caller removes ipc files). Call before the selector closes; idempotent.
     */
    public void close(long deadlineNanos) {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        while (hasPendingOutput() && System.nanoTime() - deadlineNanos < 0 && selector != null && selector.isOpen()) {
            try {
                selector.select(10);
                selector.selectedKeys().clear();
            } catch (IOException e) {
                break;
            }
            flush();
        }
        for (ZmtpListener listener : listeners) {
            try {
                listener.channel().close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (ZmtpPeer peer : new ArrayList<>(peers)) {
            peer.close("server stopping", false);
        }
    }

    String typeName() {
        return type.name();
    }

    byte[] readyBody() {
        return readyBody;
    }

    void accepted(SocketChannel channel, String endpoint) {
        ZmtpPeer peer = new ZmtpPeer(this, channel, endpoint, MAX_FRAME_BYTES, System.nanoTime());
        peers.add(peer);
        log.debug("{}: handler connection accepted", endpoint);
        try {
            peer.start(selector);
        } catch (IOException e) {
            peer.close("cannot watch the connection: " + e.getMessage(), true);
        }
    }

    void activated(ZmtpPeer peer) {
        if (type == Type.ROUTER) {
            if (peer.identity() == null) {
                peer.assignIdentity(generatedIdentity());
            }
            ZmtpPeer previous = byIdentity.put(ByteBuffer.wrap(peer.identity()), peer);
            if (previous != null) {
                log.info("{}: a new handler connection takes over identity {}", peer.endpoint(), text(peer.identity()));
                previous.close("replaced by a newer connection with the same identity", false);
            }
        }
        active.add(peer);
        if (type == Type.SUB) {
            peer.queue(subscription);
            peer.flush();
        }
        log.debug("{}: {} handler connected{}", peer.endpoint(), peer.peerType(),
                peer.identity() == null ? "" : " as " + text(peer.identity()));
    }

    void message(ZmtpPeer peer, byte[] firstFrame) {
        if (type == Type.SUB) {
            inbound.add(firstFrame);
        }
        // PUSH and ROUTER peers have nothing to tell us in messages: dropped, as Condure never reads them
    }

    void removed(ZmtpPeer peer, boolean wasActive, String why, boolean warn) {
        peers.remove(peer);
        if (wasActive) {
            active.remove(peer);
            if (type == Type.ROUTER && peer.identity() != null) {
                byIdentity.remove(ByteBuffer.wrap(peer.identity()), peer);
            }
        }
        if (warn) {
            log.warn("{}: handler connection closed: {}", peer.endpoint(), why);
        } else {
            log.debug("{}: handler connection closed: {}", peer.endpoint(), why);
        }
    }

    private byte[] generatedIdentity() {
        int n = ++generatedIdentities;
        return new byte[] {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static String text(byte[] identity) {
        return new String(identity, StandardCharsets.UTF_8);
    }
}
