package io.condurejava.server;

import io.condurejava.zhttp.HandoffProceed;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zmq.HandlerMessage;
import io.condurejava.zmq.HandlerUnavailableException;
import io.condurejava.zmq.SessionHandle;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's side of the conversation with its handler, shared by HTTP and WebSocket exchanges:
 * the incoming seq check, the handler address taken from every message, and handoff (reference §4.5):
 * after {@link #handOff} everything we send is held until any message for the session arrives, then
 * it goes to the new address in order. Used by the connection's session thread and, for client
 * WebSocket pieces, by its reader thread: one lock keeps the seq check, the hold queue and what is
 * sent in order.
 */
final class HandlerLink {
    private final SessionHandle handle;
    private final ReentrantLock lock = new ReentrantLock();
    private long expectedSeq;
    private boolean paused;
    private boolean closed;
    /** What was sent during a handoff; made by the first handoff (most sessions never have one). */
    private ArrayDeque<Payload> heldWhilePaused;

    HandlerLink(SessionHandle handle) {
        this.handle = handle;
    }

    /**
     * Takes a handler message for this session: checks its seq (absent = not checked), records its
     * sender as the destination and, after a handoff, sends what was held. False when the seq is
     * wrong: the caller closes without a cancel, as Condure does.
     */
    boolean accept(HandlerMessage message) throws InterruptedException, HandlerUnavailableException {
        lock.lock();
        try {
            if (message.seq() != IdSeq.NO_SEQ) {
                if (message.seq() != expectedSeq) {
                    return false;
                }
                expectedSeq++;
            }
            handle.setHandlerAddress(message.packet().from());
            if (paused) {
                paused = false;
                while (heldWhilePaused != null && !heldWhilePaused.isEmpty()) {
                    handle.send(heldWhilePaused.poll());
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The seq the next handler message must carry. */
    long expectedSeq() {
        lock.lock();
        try {
            return expectedSeq;
        } finally {
            lock.unlock();
        }
    }

    /** Sends to the handler, or holds the message while a handoff is in progress. */
    void send(Payload payload) throws InterruptedException, HandlerUnavailableException {
        lock.lock();
        try {
            if (closed) {
                return; // the session ended: a late piece from the reader thread is dropped
            }
            if (paused) {
                if (heldWhilePaused == null) {
                    heldWhilePaused = new ArrayDeque<>();
                }
                heldWhilePaused.add(payload);
            } else {
                handle.send(payload);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Answers handoff-start: handoff-proceed now, then hold everything until the handler is back. */
    void handOff() throws InterruptedException, HandlerUnavailableException {
        lock.lock();
        try {
            handle.send(new HandoffProceed());
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    /** The session has ended: nothing more is sent through this link. */
    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /** True once a handler message told us where the handler is. */
    boolean known() {
        byte[] address = handle.handlerAddress();
        return address != null && address.length > 0;
    }
}
