package io.condurejava.zmq;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.condurejava.zhttp.EncodedPacket;
import io.condurejava.zmq.zmtp.ZmtpSocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * Sends the Outbox's routed messages on the ROUTER socket (through a {@link Port}) without ever blocking the ZeroMQ thread.
 * A handler whose pipe is full (FULL: EAGAIN with ROUTER_MANDATORY) gets its messages parked in a FIFO of its
 * own and retried, so one slow handler does not hold up the others and per-handler order is kept.
 * When too many messages are parked, draining stops and the connection threads block (backpressure).
 * An unknown handler address (UNREACHABLE: EHOSTUNREACH) loses the message, as in Condure. ZeroMQ thread only.
 */
final class RoutedSender {
    private static final Logger log = LoggerFactory.getLogger("zhttp");

    /** Sends one routed message without blocking. */
    @FunctionalInterface
    interface Port {
        ZmtpSocket.Route send(byte[] address, byte[] payload, int offset, int length);
    }

    private final Port router;
    private final BlockingQueue<Outbox.RoutedMessage> queue;
    private final int maxParked;
    private final Map<ByteBuffer, ArrayDeque<Outbox.RoutedMessage>> parked = new HashMap<>();
    private int parkedCount;
    private int sent;

    RoutedSender(Port router, BlockingQueue<Outbox.RoutedMessage> queue, int maxParked) {
        this.router = router;
        this.queue = queue;
        this.maxParked = Math.max(1, maxParked);
    }

    boolean hasBlocked() {
        return parkedCount > 0;
    }

    /** True while there is room to park, i.e. {@link #flush} would take from the queue. */
    boolean canTakeMore() {
        return parkedCount < maxParked;
    }

    /** Retries parked messages, then drains the queue while there is room to park; returns how many left. */
    int flush() {
        int before = sent;
        retryParked();
        while (parkedCount < maxParked) {
            Outbox.RoutedMessage message = queue.poll();
            if (message == null) {
                return sent - before;
            }
            ByteBuffer key = ByteBuffer.wrap(message.address());
            ArrayDeque<Outbox.RoutedMessage> waiting = parked.get(key);
            if (waiting != null) {
                waiting.add(message);
                parkedCount++;
            } else if (!trySend(message)) {
                ArrayDeque<Outbox.RoutedMessage> fifo = new ArrayDeque<>();
                fifo.add(message);
                parked.put(key, fifo);
                parkedCount++;
            }
        }
        return sent - before;
    }

    private void retryParked() {
        for (Iterator<ArrayDeque<Outbox.RoutedMessage>> it = parked.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Outbox.RoutedMessage> fifo = it.next();
            while (!fifo.isEmpty() && trySend(fifo.peek())) {
                fifo.poll();
                parkedCount--;
            }
            if (fifo.isEmpty()) {
                it.remove();
            }
        }
    }

    /** True when the message left (or was dropped for good); false when the handler's pipe is full. */
    private boolean trySend(Outbox.RoutedMessage message) {
        EncodedPacket packet = message.packet();
        switch (router.send(message.address(), packet.bytes(), packet.offset(), packet.length())) {
            case SENT -> {
                sent++;
                ZmqHub.traceOut("OUT stream to", packet.bytes(), packet.offset(), packet.length());
                packet.recycle(); // the socket copied it
                return true;
            }
            case FULL -> {
                return false;
            }
            default -> {
                log.debug("stream zmq send to {}: host unreachable", new String(message.address(), StandardCharsets.UTF_8));
                packet.recycle();
                return true;
            }
        }
    }
}
