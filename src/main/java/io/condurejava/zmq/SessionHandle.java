package io.condurejava.zmq;

import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The part of one ZHTTP session shared between its connection thread and the ZeroMQ thread:
 * the outgoing sequence counter (guarded by a lock so that keep-alives made by the ZeroMQ thread
 * keep seq order), the handler address, and the sink where inbound packets are delivered.
 */
public final class SessionHandle {
    private final String id;
    private final String instanceId;
    private final Outbox outbox;
    private final Predicate<HandlerMessage> inbound;
    private final long sendTimeoutNanos;
    private final ReentrantLock sendLock = new ReentrantLock();
    private long outSeq;
    private volatile byte[] handlerAddress;
    private volatile long keepAliveDueNanos;
    private volatile boolean overflowed;

    SessionHandle(String id, String instanceId, Outbox outbox, Predicate<HandlerMessage> inbound,
                  long keepAliveDueNanos, long sendTimeoutNanos) {
        this.sendTimeoutNanos = sendTimeoutNanos;
        this.id = id;
        this.instanceId = instanceId;
        this.outbox = outbox;
        this.inbound = inbound;
        this.keepAliveDueNanos = keepAliveDueNanos;
    }

    public String id() {
        return id;
    }

    /** The handler address (its ROUTER identity), or null before the first handler message. */
    public byte[] handlerAddress() {
        return handlerAddress;
    }

    /** Records the sender of a handler message as this session's destination (Condure: every message updates it). */
    public void setHandlerAddress(String from) {
        handlerAddress = from == null ? new byte[0] : from.getBytes(StandardCharsets.UTF_8);
    }

    /** True when the ZeroMQ thread could not deliver a packet because the session's queue was full. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Sends the session's first message (seq 0) through the PUSH socket. Connection thread only. */
    public void sendInitial(Payload payload) throws InterruptedException, HandlerUnavailableException {
        sendLock.lock();
        try {
            if (!outbox.sendInitial(ZhttpCodec.encodeInPlace(packet(outSeq, payload)), sendTimeoutNanos)) {
                throw new HandlerUnavailableException("no handler took the request within the session timeout");
            }
            outSeq++;
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends a later message to the handler address through the ROUTER socket. Connection thread only. */
    public void send(Payload payload) throws InterruptedException, HandlerUnavailableException {
        byte[] address = handlerAddress;
        if (address == null) {
            throw new IllegalStateException("no handler address yet for " + id);
        }
        sendLock.lock();
        try {
            if (!outbox.sendRouted(address, ZhttpCodec.encodeInPlace(packet(outSeq, payload)), sendTimeoutNanos)) {
                throw new HandlerUnavailableException("the handler took no message within the session timeout");
            }
            outSeq++;
        } finally {
            sendLock.unlock();
        }
    }

    private ZhttpPacket packet(long seq, Payload payload) {
        return new ZhttpPacket(instanceId, List.of(new IdSeq(id, seq)), true, payload);
    }

    // ---- used by the ZeroMQ thread ----

    boolean deliver(HandlerMessage message) {
        if (inbound.test(message)) {
            return true;
        }
        overflowed = true;
        return false;
    }

    long keepAliveDueNanos() {
        return keepAliveDueNanos;
    }

    void setKeepAliveDueNanos(long due) {
        keepAliveDueNanos = due;
    }

    boolean tryLockForKeepAlive() {
        return sendLock.tryLock();
    }

    long takeSeqLocked() {
        return outSeq++;
    }

    void returnSeqLocked() {
        outSeq--;
    }

    void unlockKeepAlive() {
        sendLock.unlock();
    }
}
