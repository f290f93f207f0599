package io.condurejava.client;

import io.condurejava.zhttp.IdSeq;
import io.condurejava.zmq.HandlerMessage;

/**
 * The seq check on an initiator's later messages (reference §3.3): each must carry the next
 * number after the first message's 0, or none; a gap ends the session without a cancel
 * (Condure's rule). Session thread only.
 */
final class InitiatorSeq {
    private long expected = 1;

    void check(HandlerMessage m) throws InitiatorGone {
        if (m.seq() == IdSeq.NO_SEQ) {
            return;
        }
        if (m.seq() != expected) {
            throw new InitiatorGone("seq " + m.seq() + " where " + expected + " was expected", false);
        }
        expected++;
    }
}
