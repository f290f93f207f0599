package io.condurejava.zmq;

import io.condurejava.zhttp.ZhttpCodec;
import io.condurejava.zhttp.ZhttpFormatException;
import io.condurejava.zhttp.ZhttpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

import java.util.concurrent.BlockingQueue;

/**
 * The req-mode DEALER socket (reference §2.2, §7): each request goes out as {@code ["", T<dict>]},
 * round-robin over the connected REP/ROUTER handlers; replies come back on the same socket after an
 * envelope of at most {@value #MAX_ENVELOPE_FRAMES} frames and are routed to the session by id.
 * ZeroMQ thread only.
 */
final class ReqChannel {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    static final int MAX_ENVELOPE_FRAMES = 8;
    private static final int MAX_INBOUND_PER_ROUND = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final ZMQ.Socket dealer;
    private final BlockingQueue<byte[]> queue;
    private final SessionDirectory directory;
    private byte[] pending;

    ReqChannel(ZMQ.Socket dealer, BlockingQueue<byte[]> queue, SessionDirectory directory) {
        this.dealer = dealer;
        this.queue = queue;
        this.directory = directory;
    }

    ZMQ.Socket socket() {
        return dealer;
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Sends queued requests until the socket would block (no handler, or HWM reached); returns how many left. */
    int flush() {
        int sent = 0;
        byte[] message = pending != null ? pending : queue.poll();
        while (message != null) {
            if (!dealer.send(EMPTY, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                pending = message;
                return sent;
            }
            dealer.send(message, ZMQ.DONTWAIT);
            sent++;
            ZmqHub.traceOut("OUT req", message);
            message = queue.poll();
        }
        pending = null;
        return sent;
    }

    /** Reads every reply waiting on the socket and routes it by id; returns how many arrived. */
    int receive() {
        int received = 0;
        for (int i = 0; i < MAX_INBOUND_PER_ROUND; i++) {
            byte[] frame = dealer.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return received;
            }
            received++;
            int envelope = 0;
            while (frame.length > 0 && dealer.hasReceiveMore() && envelope < MAX_ENVELOPE_FRAMES) {
                frame = dealer.recv();
                envelope++;
            }
            byte[] payload = frame.length == 0 && dealer.hasReceiveMore() ? dealer.recv() : null;
            while (dealer.hasReceiveMore()) {
                dealer.recv(); // frames after the payload are discarded
            }
            if (payload == null) {
                log.warn("req reply without an envelope delimiter or payload dropped");
                continue;
            }
            try {
                ZhttpPacket packet = ZhttpCodec.decode(payload, 0, payload.length);
                directory.route(packet);
            } catch (ZhttpFormatException e) {
                log.warn("malformed req reply from handler dropped: {}", e.getMessage());
            }
        }
        return received;
    }
}
