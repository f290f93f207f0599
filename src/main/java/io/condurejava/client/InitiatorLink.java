package io.condurejava.client;

import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ZServerChannel;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of one client-mode session: our outgoing seq (guarded by a lock held until the
 * packet is queued, so keep-alives from the sweeper keep seq order) and the initiator's address.
 * Used by the exchange thread and the keep-alive sweeper.
 */
final class InitiatorLink {
    private final String to;
    private final String id;
    private final String instanceId;
    private final ZServerChannel channel;
    private final long sendTimeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private long seq;
    private volatile long lastSentNanos = System.nanoTime();

    InitiatorLink(String to, String id, String instanceId, ZServerChannel channel, long sendTimeoutNanos) {
        this.to = to;
        this.id = id;
        this.instanceId = instanceId;
        this.channel = channel;
        this.sendTimeoutNanos = sendTimeoutNanos;
    }

    String to() {
        return to;
    }

    String id() {
        return id;
    }

    /** Queues one packet for the initiator (PUB); blocks while the reply queue is full. */
    void send(Payload payload) throws InterruptedException, InitiatorGone {
        lock.lock();
        try {
            if (!channel.send(to, packet(payload), sendTimeoutNanos)) {
                throw new InitiatorGone("reply queue full for the whole session timeout", false);
            }
            seq++;
            lastSentNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** Sweeper: sends a keep-alive if nothing went out for {@code intervalNanos} and the link is not busy. */
    void keepAliveIfIdle(long now, long intervalNanos) throws InterruptedException {
        if (now - lastSentNanos < intervalNanos || !lock.tryLock()) {
            return;
        }
        try {
            if (channel.send(to, packet(new KeepAlive()), 0)) {
                seq++;
                lastSentNanos = now;
            }
        } finally {
            lock.unlock();
        }
    }

    private ZhttpPacket packet(Payload payload) {
        return new ZhttpPacket(instanceId, List.of(new IdSeq(id, seq)), true, payload);
    }
}
