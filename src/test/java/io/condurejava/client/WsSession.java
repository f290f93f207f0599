package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;
import io.condurejava.zhttp.ZhttpPacket;

import java.util.concurrent.TimeUnit;

/**
 * One client-mode WebSocket session as the initiator sees it, with credit accounting in both
 * directions: what we may send (the 101's grant plus {@code credit}s) and what we allowed the
 * server to send us (asserted on every piece). Test thread only.
 */
final class WsSession {
    private final Initiator initiator;
    final String id;
    final Data accept;
    /** Content bytes we may still send to condure-java. */
    long sendCredits;
    /** Content bytes we allowed condure-java to send us (initial credits plus grants). */
    long granted;
    long received;

    WsSession(Initiator initiator, String id, Data accept, long initialGrant) {
        this.initiator = initiator;
        this.id = id;
        this.accept = accept;
        this.sendCredits = accept.credits();
        this.granted = initialGrant;
    }

    /** The next packet that is not a credit (credits are added up), or null after {@code millis}. */
    Payload poll(long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            ZhttpPacket p = left <= 0 ? null : initiator.poll(id, left);
            if (p == null) {
                return null;
            }
            switch (p.payload()) {
                case Credit c -> sendCredits += c.credits();
                case Data d -> {
                    count(d.body().length);
                    return d;
                }
                case Ping ping -> {
                    count(ping.body().length);
                    return ping;
                }
                case Pong pong -> {
                    count(pong.body().length);
                    return pong;
                }
                default -> {
                    return p.payload();
                }
            }
        }
    }

    private void count(int bytes) {
        received += bytes;
        assertTrue(received <= granted, "received " + received + " content bytes with " + granted + " credits");
    }

    Payload next() throws Exception {
        Payload p = poll(10_000);
        if (p == null) {
            throw new AssertionError("nothing for " + id + " within 10 s");
        }
        return p;
    }

    Data nextData() throws Exception {
        return assertInstanceOf(Data.class, next());
    }

    void send(Payload p) {
        if (p instanceof Data d) {
            sendCredits -= d.body().length;
        }
        initiator.send(id, p);
    }

    void grant(int n) {
        granted += n;
        initiator.send(id, new Credit(n));
    }

    /** Reads credits until all we sent has been credited back (written to the origin). */
    void awaitCredits(long expected) throws Exception {
        while (sendCredits < expected) {
            ZhttpPacket p = initiator.next(id);
            sendCredits += assertInstanceOf(Credit.class, p.payload(), "expected a credit").credits();
        }
        assertEquals(expected, sendCredits);
    }

    /** Expects the keep-alive ack and returns the packet after it. */
    static ZhttpPacket afterAck(Initiator initiator, String id) throws Exception {
        ZhttpPacket ack = initiator.next(id);
        assertInstanceOf(KeepAlive.class, ack.payload(), "first reply is the keep-alive ack");
        return initiator.next(id);
    }

    /** Starts a session and expects the 101. */
    static WsSession open(Initiator initiator, Data.Builder request) throws Exception {
        Data d = request.build();
        String id = initiator.start(d);
        Payload p = afterAck(initiator, id).payload();
        Data accept = assertInstanceOf(Data.class, p, "expected the 101, got " + p);
        assertEquals(101, accept.code());
        return new WsSession(initiator, id, accept, d.credits());
    }

    /** Starts a session and expects an error; returns its condition. */
    static String errorOf(Initiator initiator, Data.Builder request) throws Exception {
        Payload p = afterAck(initiator, initiator.start(request.build())).payload();
        return assertInstanceOf(ErrorPacket.class, p, "expected an error, got " + p).condition();
    }
}
