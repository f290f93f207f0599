package io.condurejava.zmq.zmtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One handler connection of a {@link ZmtpSocket}: the ZMTP 3.0 handshake (greeting, then READY both ways),
 * then frames in and out over a non-blocking channel. Outgoing frames gather in a buffer that
 * {@link #flush()} writes once per hub round; incoming messages go to the owner. Runs on the ZeroMQ thread.
 */
final class ZmtpPeer implements ChannelWatcher {
    /** Bytes read per {@code read} call; also how far one frame's header may be split. */
    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** A peer that has this many bytes waiting to be written takes no more messages (see {@link #full}). */
    static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;
    /** Reads per readiness: enough to take a burst, few enough that one busy peer does not hold up a round. */
    private static final int READS_PER_READY = 4;
    private static final int INITIAL_OUT_BYTES = 16 * 1024;

    private enum State { GREETING, READY, ACTIVE, CLOSED }

    private final ZmtpSocket owner;
    private final SocketChannel channel;
    private final String endpoint;
    private final FrameDecoder decoder;
    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final byte[] greeting = new byte[Greeting.BYTES];
    private int greetingFilled;
    /**
     * Frames to send, in write mode: bytes {@code [written, position)} are still to go. Written bytes are only
     * moved out of the way once they fill half the buffer, not after every write: a handler that takes a socket
     * buffer's worth at a time would otherwise have megabytes moved for each write.
     */
    private ByteBuffer out = ByteBuffer.allocateDirect(INITIAL_OUT_BYTES);
    private int written;
    private int queuedMessages; // messages appended since the buffer was last empty
    private boolean skippingMessage; // later frames of a multi-frame message are being skipped
    private State state = State.GREETING;
    private SelectionKey key;
    private byte[] identity;
    private String peerType = "?";
    private final long acceptedAtNanos;

    ZmtpPeer(ZmtpSocket owner, SocketChannel channel, String endpoint, long maxFrameBytes, long acceptedAtNanos) {
        this.acceptedAtNanos = acceptedAtNanos;
        this.owner = owner;
        this.channel = channel;
        this.endpoint = endpoint;
        this.decoder = new FrameDecoder(maxFrameBytes);
    }

    /** Registers for reads and sends our greeting. */
    void start(Selector selector) throws IOException {
        channel.configureBlocking(false);
        key = channel.register(selector, SelectionKey.OP_READ, this);
        out.put(Greeting.ours());
        flush();
    }

    long acceptedAtNanos() {
        return acceptedAtNanos;
    }

    boolean active() {
        return state == State.ACTIVE;
    }

    /** The identity the peer gave in its READY, or the one the owner assigned; null before READY. */
    byte[] identity() {
        return identity;
    }

    void assignIdentity(byte[] identity) {
        this.identity = identity;
    }

    String endpoint() {
        return endpoint;
    }

    String peerType() {
        return peerType;
    }

    /** True when the peer should take no more messages until it has read what it has (the send HWM). */
    boolean full(int hwmMessages) {
        return queuedMessages >= hwmMessages || out.position() - written >= MAX_PENDING_BYTES;
    }

    boolean hasPendingOutput() {
        return out.position() > written;
    }

    /** Queues a one-frame message; written by the next {@link #flush()}. */
    void queue(byte[] frame) {
        queue(frame, 0, frame.length);
    }

    /** Queues the one-frame message {@code frame[offset, +length)}. */
    void queue(byte[] frame, int offset, int length) {
        ensureRoom(Frames.encodedSize(length));
        Frames.put(out, 0, frame, offset, length);
        queuedMessages++;
    }

    /** Queues {@code ["", payload[offset, +length)]}, a message as a ROUTER delivers it to a DEALER or ROUTER peer. */
    void queueAfterEmptyDelimiter(byte[] payload, int offset, int length) {
        ensureRoom(Frames.encodedSize(0) + Frames.encodedSize(length));
        out.put((byte) Frames.MORE).put((byte) 0);
        Frames.put(out, 0, payload, offset, length);
        queuedMessages++;
    }

    /** Writes what the channel takes now; asks for write readiness when some is left. */
    void flush() {
        int end = out.position();
        if (state == State.CLOSED || end == written) {
            return;
        }
        out.limit(end).position(written);
        try {
            while (out.hasRemaining() && channel.write(out) > 0) {
                // the socket took some; offer the rest
            }
        } catch (IOException e) {
            out.limit(out.capacity()).position(end);
            close("write failed: " + e.getMessage(), false);
            return;
        }
        written = out.position();
        out.limit(out.capacity()).position(end);
        boolean drained = written == end;
        if (drained) {
            out.clear();
            written = 0;
            queuedMessages = 0;
        } else if (written >= out.capacity() / 2) {
            dropWritten();
        }
        if (key.isValid()) {
            key.interestOps(drained ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    @Override
    public void onReady(SelectionKey ready) {
        if (state == State.CLOSED) {
            return;
        }
        if (ready.isValid() && ready.isWritable()) {
            flush();
        }
        if (state != State.CLOSED && ready.isValid() && ready.isReadable()) {
            read();
        }
    }

    /** Closes the connection; what it had not written is lost, as when a ZeroMQ peer goes away. */
    void close(String why, boolean warn) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        owner.removed(this, was == State.ACTIVE, why, warn);
    }

    private void read() {
        for (int i = 0; i < READS_PER_READY; i++) {
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                close("read failed: " + e.getMessage(), false);
                return;
            }
            if (n < 0) {
                close("closed by the handler", false);
                return;
            }
            if (n == 0) {
                return;
            }
            in.flip();
            boolean open = process();
            in.compact();
            if (!open) {
                return;
            }
        }
    }

    /** Works through what {@link #in} holds (read mode); false once the peer was closed. */
    private boolean process() {
        if (state == State.GREETING) {
            int take = Math.min(in.remaining(), Greeting.BYTES - greetingFilled);
            in.get(greeting, greetingFilled, take);
            greetingFilled += take;
            String problem = greetingFilled < Greeting.BYTES ? Greeting.problemWithStart(greeting, greetingFilled)
                    : Greeting.problemWith(greeting);
            if (problem == null && greetingFilled < Greeting.BYTES) {
                return true;
            }
            if (problem != null) {
                close("bad ZMTP greeting: " + problem, true);
                return false;
            }
            state = State.READY;
            ensureRoom(Frames.encodedSize(owner.readyBody().length));
            Frames.put(out, Frames.COMMAND, owner.readyBody());
            flush();
            if (state == State.CLOSED) {
                return false;
            }
        }
        try {
            return decoder.decode(in, this::frame);
        } catch (FrameDecoder.BadFrame e) {
            close("bad ZMTP frame: " + e.getMessage(), true);
            return false;
        }
    }

    private boolean frame(int flags, byte[] body) {
        if ((flags & Frames.COMMAND) != 0) {
            return command(body);
        }
        if (state != State.ACTIVE) {
            close("sent a message before READY", true);
            return false;
        }
        boolean first = !skippingMessage;
        skippingMessage = (flags & Frames.MORE) != 0;
        if (first) {
            owner.message(this, body);
        }
        return state != State.CLOSED;
    }

    private boolean command(byte[] body) {
        String name;
        try {
            name = Commands.name(body);
            if (state == State.READY) {
                if (!name.equals(Commands.READY)) {
                    close("sent " + name + " where READY was expected", true);
                    return false;
                }
                return ready(Commands.readyProperties(body));
            }
        } catch (Commands.BadCommand e) {
            close("bad ZMTP command: " + e.getMessage(), true);
            return false;
        }
        switch (name) {
            case Commands.PING -> {
                byte[] pong = Commands.pongFor(body);
                ensureRoom(Frames.encodedSize(pong.length));
                Frames.put(out, Frames.COMMAND, pong); // written with the round's flush
            }
            case Commands.ERROR -> {
                close("the handler sent ERROR: " + errorReason(body), true);
                return false;
            }
            default -> {
                // PONG and commands of later ZMTP versions need nothing from us
            }
        }
        return true;
    }

    private boolean ready(Map<String, byte[]> properties) {
        byte[] type = properties.get(Commands.SOCKET_TYPE);
        peerType = type == null ? "(none)" : new String(type, StandardCharsets.US_ASCII);
        if (type == null || !Commands.compatible(owner.typeName(), peerType)) {
            close("a " + peerType + " socket cannot talk to our " + owner.typeName(), true);
            return false;
        }
        byte[] given = properties.get(Commands.IDENTITY);
        identity = given == null || given.length == 0 ? null : given;
        state = State.ACTIVE;
        owner.activated(this);
        return state != State.CLOSED;
    }

    private static String errorReason(byte[] body) {
        int at = 1 + (body[0] & 0xFF);
        if (at >= body.length) {
            return "(no reason)";
        }
        int length = Math.min(body[at] & 0xFF, body.length - at - 1);
        return new String(body, at + 1, length, StandardCharsets.US_ASCII);
    }

    /** Moves the bytes still to be written to the front of the buffer. */
    private void dropWritten() {
        out.limit(out.position()).position(written);
        out.compact();
        written = 0;
    }

    private void ensureRoom(int bytes) {
        if (out.remaining() >= bytes) {
            return;
        }
        if (written > 0) {
            dropWritten();
            if (out.remaining() >= bytes) {
                return;
            }
        }
        int capacity = out.capacity();
        while (capacity - out.position() < bytes) {
            capacity = Math.max(capacity * 2, out.position() + bytes);
        }
        ByteBuffer grown = ByteBuffer.allocateDirect(capacity);
        out.flip();
        grown.put(out);
        out = grown;
    }
}
