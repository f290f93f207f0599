package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.List;

/**
 * A req-mode ZHTTP initiator on a real JeroMQ DEALER connected to a {@code --zserver-req} endpoint:
 * requests go out as {@code ["", T<dict>]} (id, no from, no seq), replies come back the same way.
 * One thread (the test's).
 */
final class ReqInitiator implements AutoCloseable {
    private static final int RECEIVE_TIMEOUT_MILLIS = 10_000;

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket dealer;
    private final EndpointHandle endpoint;
    private int ids;

    ReqInitiator(String spec) throws Exception {
        dealer = context.createSocket(SocketType.DEALER);
        dealer.setLinger(0);
        dealer.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        endpoint = ZmqEndpoints.connect(dealer, spec);
    }

    /** Sends one request; returns its id. */
    String send(Data request) {
        String id = "q" + ids++;
        dealer.send(new byte[0], ZMQ.SNDMORE);
        dealer.send(ZhttpCodec.encode(new ZhttpPacket(null, List.of(new IdSeq(id, IdSeq.NO_SEQ)), false, request)), 0);
        return id;
    }

    /** The next reply: an empty delimiter, then the packet; fails after 10 s. */
    ZhttpPacket receive() throws Exception {
        byte[] delimiter = dealer.recv();
        assertNotNull(delimiter, "a reply within 10 s");
        assertEquals(0, delimiter.length, "the reply comes back on the request's envelope");
        assertTrue(dealer.hasReceiveMore());
        byte[] payload = dealer.recv();
        assertFalse(dealer.hasReceiveMore());
        return ZhttpCodec.decode(payload, 0, payload.length);
    }

    /** Sends and waits for the reply, which must carry the same id. */
    ZhttpPacket roundTrip(Data request) throws Exception {
        String id = send(request);
        ZhttpPacket reply = receive();
        assertEquals(id, reply.firstId());
        return reply;
    }

    @Override
    public void close() {
        context.close();
        endpoint.close();
    }
}
