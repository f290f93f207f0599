package io.condurejava.client;

import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.HandlerMessage;
import io.condurejava.zmq.ZServerChannel;
import io.condurejava.zmq.ZServerReqEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Live client-mode sessions keyed by (initiator address, id), as Condure matches them. The ZeroMQ
 * thread calls {@link #initial} and {@link #stream}: a valid first message (one id, seq 0, a data
 * packet, {@code from} of at most {@value #FROM_MAX_BYTES} bytes) starts an exchange on a new virtual
 * thread — a WebSocket session for a ws:// or wss:// uri, else an HTTP exchange; later messages are
 * handed to their exchange. {@link #req} starts a req-mode exchange (one request, one reply). A
 * sweeper virtual thread sends keep-alives for stream sessions that sent nothing for the keep-alive
 * interval and expires idle origin connections. Stream and req sessions together are bounded by {@code --stream-maxconn}.
 */
final class ClientSessions implements ZServerChannel.Sink {
    private static final Logger log = LoggerFactory.getLogger("client");
    static final int FROM_MAX_BYTES = 64;
    static final int ID_MAX_BYTES = 64;
    private static final long SWEEP_MILLIS = 1000;
    private static final long CLOSE_POLL_MILLIS = 10;

    private record Key(String from, String id) {}

    private final ConcurrentHashMap<Key, ClientExchange> live = new ConcurrentHashMap<>();
    private final Set<OutgoingReqExchange> reqLive = ConcurrentHashMap.newKeySet();
    private final ClientConfig config;
    private final int maxSessions;
    private final long keepAliveIntervalNanos;
    private final Thread sweeper;
    private volatile boolean closed;

    ClientSessions(ClientConfig config, int maxSessions, long keepAliveIntervalNanos) {
        this.config = config;
        this.maxSessions = maxSessions;
        this.keepAliveIntervalNanos = keepAliveIntervalNanos;
        this.sweeper = Thread.ofVirtual().name("zserver-keepalive").start(this::sweep);
    }

    int size() {
        return live.size() + reqLive.size();
    }

    @Override
    public void initial(ZhttpPacket packet) {
        if (packet.ids().size() != 1 || packet.firstSeq() != 0 || !(packet.payload() instanceof Data request)
                || packet.from() == null || packet.from().isEmpty() || packet.from().length() > FROM_MAX_BYTES
                || packet.firstId().length() > ID_MAX_BYTES) {
            log.warn("invalid first message from initiator dropped (needs one id, seq 0, data, from <= 64 bytes)");
            return;
        }
        if (closed) {
            return;
        }
        if (size() >= maxSessions) {
            log.warn("client sessions at the limit ({}); request {} from {} dropped", maxSessions,
                    packet.firstId(), packet.from());
            return;
        }
        Key key = new Key(packet.from(), packet.firstId());
        InitiatorLink link = new InitiatorLink(packet.from(), packet.firstId(), config.instanceId(), config.channel(),
                config.sessionTimeoutNanos());
        ClientExchange[] self = new ClientExchange[1];
        Runnable onFinish = () -> live.remove(key, self[0]);
        self[0] = RequestUri.isWebSocket(request) ? new OutgoingWebSocketExchange(config, link, request, onFinish)
                : new OutgoingHttpExchange(config, link, request, onFinish);
        if (live.putIfAbsent(key, self[0]) != null) {
            log.warn("duplicate session {} from {} dropped", key.id(), key.from());
            return;
        }
        Thread.ofVirtual().name("zserver-" + key.id()).start(self[0]);
    }

    @Override
    public void stream(ZhttpPacket packet) {
        for (IdSeq idSeq : packet.ids()) {
            ClientExchange exchange = live.get(new Key(packet.from(), idSeq.id()));
            if (exchange == null) {
                log.debug("packet for unknown or finished client session {} dropped", idSeq.id());
            } else if (!exchange.deliver(new HandlerMessage(packet, idSeq.id(), idSeq.seq()))) {
                log.warn("client session {}: too many queued messages from the initiator, cancelling", idSeq.id());
            }
        }
    }

    @Override
    public void req(ZServerReqEnvelope envelope, ZhttpPacket packet) {
        if (packet.ids().size() != 1 || !(packet.payload() instanceof Data request)
                || packet.firstId().length() > ID_MAX_BYTES) {
            log.warn("invalid req-mode request dropped (needs one id of at most 64 bytes and data)");
            return;
        }
        if (closed) {
            return;
        }
        if (size() >= maxSessions) {
            log.warn("client sessions at the limit ({}); req-mode request {} dropped", maxSessions, packet.firstId());
            return;
        }
        OutgoingReqExchange[] self = new OutgoingReqExchange[1];
        self[0] = new OutgoingReqExchange(config, envelope, packet.firstId(), request, () -> reqLive.remove(self[0]));
        reqLive.add(self[0]);
        Thread.ofVirtual().name("zserver-req-" + packet.firstId()).start(self[0]);
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(SWEEP_MILLIS); // periodic timer, not a wait for a condition
                long now = System.nanoTime();
                for (ClientExchange e : live.values()) {
                    e.link().keepAliveIfIdle(now, keepAliveIntervalNanos);
                }
                config.pool().expire(now);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ends every session (each sends a cancel) and stops the sweeper; waits up to {@code waitMillis} for them. */
    void close(long waitMillis) {
        closed = true;
        sweeper.interrupt();
        live.values().forEach(ClientExchange::abort);
        reqLive.forEach(OutgoingReqExchange::abort);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (size() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(CLOSE_POLL_MILLIS); // shutdown only: poll the session count
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
