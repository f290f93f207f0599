package io.condurejava.zmq;

import io.condurejava.zhttp.ZhttpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Client mode's req socket ({@code --zserver-req}, reference §2.4, §10): one ROUTER (identity =
 * instance id, SNDHWM {@value #SEND_HWM}, RCVHWM the HWM) bound or connected to each spec verbatim.
 * A request arrives as {@code [envelope..., "", T<dict>]} (at most {@value #MAX_ENVELOPE_FRAMES}
 * envelope frames) and its one reply leaves as {@code [envelope..., "", T<dict>]}; a ROUTER drops a
 * reply it cannot route (initiator gone, HWM reached). Part of {@link ZServerChannel}: replies are
 * queued by exchange threads ({@link #queue}), everything else runs on the ZeroMQ thread.
 */
final class ZServerReqSocket {
    private static final Logger log = LoggerFactory.getLogger("zhttp");
    static final int SEND_HWM = 128;
    private static final int MAX_ENVELOPE_FRAMES = 8;
    private static final int MAX_INBOUND_PER_ROUND = 4096;
    private static final byte[] EMPTY = new byte[0];

    private record Reply(ZServerReqEnvelope envelope, byte[] payload) {}

    private final BlockingQueue<Reply> replies;
    private ZMQ.Socket router;
    private int bit;
    private boolean hot = true;

    ZServerReqSocket(int queueCapacity) {
        this.replies = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Any thread: queues a reply; false when the queue stayed full for {@code timeoutNanos}. */
    boolean queue(ZServerReqEnvelope envelope, byte[] payload, long timeoutNanos) throws InterruptedException {
        return replies.offer(new Reply(envelope, payload), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Creates the socket; the caller binds or connects it to each spec. */
    ZMQ.Socket open(ZContext context, String instanceId, int hwm) {
        router = context.createSocket(SocketType.ROUTER);
        router.setIdentity(instanceId.getBytes(StandardCharsets.UTF_8));
        router.setSndHWM(SEND_HWM);
        router.setRcvHWM(hwm);
        router.setLinger(0);
        return router;
    }

    void register(HubSelector selector, int bit) {
        this.bit = bit;
        selector.add(router, bit);
    }

    void signalled(int fired) {
        hot |= (fired & bit) != 0;
    }

    boolean hasInput() {
        return hot;
    }

    /** Asks the socket whether a request waits (processing its pending commands); marks it to be read. */
    boolean readable() {
        if ((router.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            hot = true;
        }
        return hot;
    }

    boolean hasQueued() {
        return !replies.isEmpty();
    }

    void prepareClose(int lingerMillis) {
        router.setLinger(lingerMillis);
    }

    /** One hub round: requests to the sink, then queued replies out; returns messages moved. */
    int service(ZServerChannel.Sink sink) {
        return (hot ? receive(sink) : 0) + flush();
    }

    private int flush() {
        int moved = 0;
        Reply reply;
        while ((reply = replies.poll()) != null) {
            moved++;
            boolean ok = true;
            for (byte[] f : reply.envelope().frames()) {
                ok &= router.send(f, ZMQ.SNDMORE | ZMQ.DONTWAIT);
            }
            ok &= router.send(EMPTY, ZMQ.SNDMORE | ZMQ.DONTWAIT);
            ok &= router.send(reply.payload(), ZMQ.DONTWAIT);
            if (!ok) {
                log.debug("zserver req reply dropped: ROUTER socket refused it");
            }
            ZmqHub.traceOut("OUT zserver req", reply.payload());
        }
        return moved;
    }

    private int receive(ZServerChannel.Sink sink) {
        int i = 0;
        for (; i < MAX_INBOUND_PER_ROUND; i++) {
            byte[] frame = router.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                hot = false;
                return i;
            }
            List<byte[]> envelope = new ArrayList<>(2);
            while (frame.length > 0 && router.hasReceiveMore() && envelope.size() < MAX_ENVELOPE_FRAMES) {
                envelope.add(frame);
                frame = router.recv();
            }
            byte[] payload = frame.length == 0 && router.hasReceiveMore() ? router.recv() : null;
            while (router.hasReceiveMore()) {
                router.recv();
            }
            if (payload == null || envelope.isEmpty()) {
                log.warn("zserver req message without an envelope delimiter or payload dropped");
                continue;
            }
            ZhttpPacket packet = ZServerChannel.decode(payload);
            if (packet != null) {
                sink.req(new ZServerReqEnvelope(envelope), packet);
            }
        }
        return i;
    }
}
