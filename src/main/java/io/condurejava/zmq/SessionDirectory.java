package io.condurejava.zmq;

import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Live sessions by id, and the routing of inbound handler packets to them. Sessions register and
 * unregister from their connection threads; the ZeroMQ thread looks them up and delivers.
 */
public final class SessionDirectory {
    private static final Logger log = LoggerFactory.getLogger("zhttp");

    private final ConcurrentHashMap<String, SessionHandle> sessions = new ConcurrentHashMap<>();
    private final String instanceId;
    private final Outbox outbox;
    private final long keepAliveIntervalNanos;
    private final long sendTimeoutNanos;

    public SessionDirectory(String instanceId, Outbox outbox, long keepAliveIntervalNanos, long sendTimeoutNanos) {
        this.sendTimeoutNanos = sendTimeoutNanos;
        this.instanceId = instanceId;
        this.outbox = outbox;
        this.keepAliveIntervalNanos = keepAliveIntervalNanos;
    }

    /** Creates and registers the shared half of a new session; inbound packets go to {@code inbound}. */
    public SessionHandle open(String id, Predicate<HandlerMessage> inbound) {
        SessionHandle handle = new SessionHandle(id, instanceId, outbox, inbound,
                System.nanoTime() + keepAliveIntervalNanos, sendTimeoutNanos);
        sessions.put(id, handle);
        return handle;
    }

    /** Forgets a session: later packets for its id are dropped. */
    public void close(SessionHandle handle) {
        sessions.remove(handle.id(), handle);
    }

    public int size() {
        return sessions.size();
    }

    Collection<SessionHandle> all() {
        return sessions.values();
    }

    long keepAliveIntervalNanos() {
        return keepAliveIntervalNanos;
    }

    /** Delivers a decoded packet to every session it names. ZeroMQ thread. */
    void route(ZhttpPacket packet) {
        List<IdSeq> ids = packet.ids();
        for (int i = 0, n = ids.size(); i < n; i++) {
            IdSeq idSeq = ids.get(i);
            SessionHandle handle = sessions.get(idSeq.id());
            if (handle == null) {
                log.debug("packet for unknown or finished session {} dropped", idSeq.id());
                continue;
            }
            if (!handle.deliver(new HandlerMessage(packet, idSeq.id(), idSeq.seq()))) {
                log.warn("conn {}: too many messages queued from handler, session will be cancelled", idSeq.id());
            }
        }
    }
}
