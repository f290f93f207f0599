package io.condurejava.server;

import io.condurejava.zhttp.HandoffProceed;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zmq.HandlerMessage;
import io.condurejava.zmq.HandlerUnavailableException;
import io.condurejava.zmq.SessionHandle;

import java.util.ArrayDeque;

/**
 * A session's side of the conversation with its handler, shared by HTTP and WebSocket exchanges:
 * the incoming seq check, the handler address taken from every message, and handoff (reference §4.5):
 * after {@link #handOff} everything we send is held until any message for the session arrives, then
 * it goes to the new address in order. Connection session thread only.
 */
final class HandlerLink {
    private final SessionHandle handle;
    private long expectedSeq;
    private boolean paused;
    private final ArrayDeque<Payload> heldWhilePaused = new ArrayDeque<>();

    HandlerLink(SessionHandle handle) {
        this.handle = handle;
    }

    /**
     * Takes a handler message for this session: checks its seq (absent = not checked), records its
     * sender as the destination and, after a handoff, sends what was held. False when the seq is
     * wrong: the caller closes without a cancel, as Condure does.
     */
    boolean accept(HandlerMessage message) throws InterruptedException, HandlerUnavailableException {
        if (message.seq() != IdSeq.NO_SEQ) {
            if (message.seq() != expectedSeq) {
                return false;
            }
            expectedSeq++;
        }
        handle.setHandlerAddress(message.packet().from());
        if (paused) {
            paused = false;
            while (!heldWhilePaused.isEmpty()) {
                handle.send(heldWhilePaused.poll());
            }
        }
        return true;
    }

    /** The seq the next handler message must carry. */
    long expectedSeq() {
        return expectedSeq;
    }

    /** Sends to the handler, or holds the message while a handoff is in progress. */
    void send(Payload payload) throws InterruptedException, HandlerUnavailableException {
        if (paused) {
            heldWhilePaused.add(payload);
        } else {
            handle.send(payload);
        }
    }

    /** Answers handoff-start: handoff-proceed now, then hold everything until the handler is back. */
    void handOff() throws InterruptedException, HandlerUnavailableException {
        handle.send(new HandoffProceed());
        paused = true;
    }

    /** True once a handler message told us where the handler is. */
    boolean known() {
        byte[] address = handle.handlerAddress();
        return address != null && address.length > 0;
    }
}
