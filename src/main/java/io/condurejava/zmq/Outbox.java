package io.condurejava.zmq;

import io.condurejava.zhttp.EncodedPacket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounded queues between connection threads and the ZeroMQ thread, plus the pipe that wakes it.
 * Producers (connection virtual threads) call {@link #sendInitial} / {@link #sendRouted}, which block
 * while the queue is full (up to the session timeout): that is the backpressure when ZeroMQ cannot send. The ZeroMQ thread is the
 * only consumer.
 */
public final class Outbox {
    private static final byte[] WAKE_BYTE = {1};

    private final BlockingQueue<EncodedPacket> initial;
    private final BlockingQueue<RoutedMessage> routed;
    private final BlockingQueue<byte[]> requests;
    private final Pipe pipe;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ByteBuffer drain = ByteBuffer.allocate(64);

    /** A message for the ROUTER socket: the handler's address and the encoded ZHTTP packet. */
    public record RoutedMessage(byte[] address, EncodedPacket packet) {
        public RoutedMessage(byte[] address, byte[] payload) {
            this(address, new EncodedPacket(payload, 0, payload.length));
        }
    }

    public Outbox(int capacity) {
        initial = new ArrayBlockingQueue<>(capacity);
        routed = new ArrayBlockingQueue<>(capacity);
        requests = new ArrayBlockingQueue<>(capacity);
        try {
            pipe = Pipe.open();
            pipe.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ZeroMQ wake-up pipe", e);
        }
    }

    /**
     * Queues the first message of a session for the PUSH socket, as the encoder left it (no copy into an
     * exact-size array); blocks while the queue is full, up to the timeout.
     */
    boolean sendInitial(EncodedPacket packet, long timeoutNanos) throws InterruptedException {
        if (!initial.offer(packet, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        wake();
        return true;
    }

    /** Queues a message for the handler at {@code address} (ROUTER socket); blocks while the queue is full, up to the timeout. */
    boolean sendRouted(byte[] address, EncodedPacket packet, long timeoutNanos) throws InterruptedException {
        RoutedMessage message = new RoutedMessage(address, packet);
        if (!routed.offer(message, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        wake();
        return true;
    }

    /** Queues a whole req-mode request for the DEALER socket; blocks while the queue is full, up to the timeout. */
    public boolean sendRequest(byte[] payload, long timeoutNanos) throws InterruptedException {
        if (!requests.offer(payload, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        wake();
        return true;
    }

    /** Non-blocking variant for the ZeroMQ thread itself (keep-alive batches). */
    boolean offerRouted(byte[] address, byte[] payload) {
        return routed.offer(new RoutedMessage(address, payload));
    }

    BlockingQueue<EncodedPacket> initialQueue() {
        return initial;
    }

    BlockingQueue<RoutedMessage> routedQueue() {
        return routed;
    }

    BlockingQueue<byte[]> requestQueue() {
        return requests;
    }

    Pipe.SourceChannel wakeSource() {
        return pipe.source();
    }

    /**
     * Called by the ZeroMQ thread before it sleeps: later producers will write a new wake byte. The
     * pipe is drained only when a byte may be in it (a producer armed it, or the pipe signalled).
     */
    void clearWake(boolean pipeSignalled) {
        if (!wakePending.getAndSet(false) && !pipeSignalled) {
            return; // no producer wrote since the last time: nothing to drain, no syscall
        }
        try {
            while (pipe.source().read(drain.clear()) > 0) {
                // discard
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                pipe.sink().write(ByteBuffer.wrap(WAKE_BYTE));
            } catch (IOException e) {
                // the pipe only closes at shutdown; nothing left to wake then
            }
        }
    }

    void close() {
        try {
            pipe.sink().close();
            pipe.source().close();
        } catch (IOException ignored) {
            // closing at shutdown
        }
    }
}
