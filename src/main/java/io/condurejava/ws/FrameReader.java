package io.condurejava.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Reads frames from a byte stream (RFC 6455 §5.2) with its own read buffer, enforcing the rules
 * that concern one frame alone: masking by role (§5.1), defined opcodes (§5.2), control frames
 * final and at most 125 bytes (§5.5), and a 64-bit length with the high bit clear (§5.2).
 * Reserved bits are reported, not judged (that depends on extensions; see {@link MessageReader}).
 * Non-minimal length encodings are tolerated. Payloads are unmasked while they are read, so a
 * large frame can be consumed piece by piece: {@link #readHeader()}, then {@link #readPayload}
 * until {@link #payloadRemaining()} is 0. Used by one thread at a time (the connection's reader).
 */
public final class FrameReader {
    /**
     * Size of the internal read buffer while frames keep coming; payload reads of half of it or more go
     * straight into the caller's array. 2 KiB takes a 1 KiB message with its header in one read.
     */
    public static final int READ_BUFFER_BYTES = 2 * 1024;
    /**
     * The buffer a quiet connection waits with: a header and a short message. Most WebSockets are idle most
     * of the time, and a thread waiting in a read holds its buffer, so the 2 KiB one would be held for
     * nothing (it was a fifth of an idle upgraded connection's memory).
     */
    static final int QUIET_BUFFER_BYTES = 128;
    /** Nothing has arrived for this long: the connection is quiet and the next wait uses the small buffer. */
    static final long QUIET_AFTER_NANOS = 1_000_000_000L;
    /** Control frame payloads are at most this long (RFC 6455 §5.5). */
    public static final int MAX_CONTROL_PAYLOAD_BYTES = 125;
    private static final int MAX_HEADER_BYTES = 14;

    private final InputStream in;
    private final Role role;
    private final int busyBytes;
    private final LongSupplier clock;
    private byte[] buf;
    private boolean quiet;
    /** When the last read returned bytes ({@link #clock} time). */
    private long lastArrival;
    private int pos;
    private int limit;

    private long remaining;
    private long payloadPosition;
    private int maskKey;
    private boolean masked;

    public FrameReader(InputStream in, Role role) {
        this(in, role, READ_BUFFER_BYTES);
    }

    FrameReader(InputStream in, Role role, int bufferBytes) {
        this(in, role, bufferBytes, System::nanoTime);
    }

    /** A reader whose quiet spells are timed by {@code clock} (nanoseconds; tests move it by hand). */
    FrameReader(InputStream in, Role role, int bufferBytes, LongSupplier clock) {
        this.in = Objects.requireNonNull(in, "in");
        this.role = Objects.requireNonNull(role, "role");
        this.busyBytes = Math.max(bufferBytes, MAX_HEADER_BYTES);
        this.clock = clock;
        this.quiet = busyBytes > QUIET_BUFFER_BYTES; // a new connection has not shown it is busy yet
        this.buf = new byte[quiet ? QUIET_BUFFER_BYTES : busyBytes];
        this.lastArrival = clock.getAsLong() - QUIET_AFTER_NANOS;
    }

    /** The size of the buffer held now (small while the connection is quiet). */
    int bufferBytes() {
        return buf.length;
    }

    /**
     * Reads and checks the next frame header. The previous frame's payload must have been read.
     *
     * @return the header, or null on end of stream exactly at a frame boundary
     * @throws WebSocketProtocolException (1002) when the header breaks a per-frame rule
     * @throws EOFException when the stream ends inside a header
     */
    public FrameHeader readHeader() throws IOException {
        if (remaining != 0) {
            throw new IllegalStateException(remaining + " payload bytes of the previous frame are unread");
        }
        if (!fill(2, true)) {
            return null;
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >>> 4) & 7;
        int opcode = b0 & 0xF;
        boolean hasMask = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        if (!Opcode.isDefined(opcode)) {
            throw WebSocketProtocolException.protocol("reserved opcode " + Opcode.name(opcode));
        }
        if (hasMask != role.readsMasked()) {
            throw WebSocketProtocolException.protocol(hasMask ? "masked frame from server" : "unmasked frame from client");
        }
        int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int headerBytes = 2 + lengthBytes + (hasMask ? 4 : 0);
        fill(headerBytes, false);
        int p = pos + 2;
        long length = len7;
        if (lengthBytes > 0) {
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = (length << 8) | (buf[p++] & 0xFF);
            }
            if (length < 0) {
                throw WebSocketProtocolException.protocol("payload length has the most significant bit set");
            }
        }
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw WebSocketProtocolException.protocol("fragmented control frame");
            }
            if (length > MAX_CONTROL_PAYLOAD_BYTES) {
                throw WebSocketProtocolException.protocol("control frame payload longer than 125 bytes");
            }
        }
        if (hasMask) {
            maskKey = ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
        }
        pos += headerBytes;
        masked = hasMask;
        remaining = length;
        payloadPosition = 0;
        return new FrameHeader(fin, rsv, opcode, hasMask, length);
    }

    /** Payload bytes of the current frame not yet read. */
    public long payloadRemaining() {
        return remaining;
    }

    /**
     * Blocks until at least one unread byte has arrived, then says how many can be read without blocking: what
     * is buffered, plus what the stream reports only when that read filled the buffer (a read that returned
     * less found the stream empty, so no second system call is spent asking). 0 when the stream ended first.
     */
    public long awaitInput() throws IOException {
        if (!fill(1, true)) {
            return 0;
        }
        int buffered = limit - pos;
        return limit < buf.length ? buffered : buffered + (long) in.available();
    }

    /** Bytes readable without blocking: buffered here plus what the stream says it has. */
    public long readableNow() throws IOException {
        return (limit - pos) + (long) in.available();
    }

    /**
     * Reads between 1 and {@code len} unmasked payload bytes of the current frame, blocking until
     * at least one is available; {@code len} must be between 1 and {@link #payloadRemaining()}.
     *
     * @throws EOFException when the stream ends inside the payload
     */
    public int readPayload(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len <= 0 || len > remaining) {
            throw new IllegalArgumentException("len " + len + " outside 1.." + remaining);
        }
        int n;
        if (pos < limit) {
            n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
        } else if (len >= buf.length / 2) {
            n = in.read(dst, off, len);
            if (n < 0) {
                throw new EOFException("end of stream inside a frame payload");
            }
            lastArrival = clock.getAsLong();
        } else {
            fill(1, false);
            n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
        }
        if (masked) {
            Masking.mask(dst, off, n, maskKey, payloadPosition);
        }
        payloadPosition += n;
        remaining -= n;
        return n;
    }

    /** Reads exactly {@code len} payload bytes (see {@link #readPayload}). */
    public void readPayloadFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            int n = readPayload(dst, off, len);
            off += n;
            len -= n;
        }
    }

    /**
     * Reads a whole frame with its payload.
     *
     * @return the frame, or null on end of stream at a frame boundary
     * @throws WebSocketProtocolException (1009) when the payload is longer than {@code maxPayloadBytes},
     *         before any payload byte is read; (1002) as {@link #readHeader()}
     */
    public Frame read(int maxPayloadBytes) throws IOException {
        FrameHeader h = readHeader();
        if (h == null) {
            return null;
        }
        if (h.payloadLength() > maxPayloadBytes) {
            throw new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG,
                    "frame payload of " + h.payloadLength() + " bytes exceeds " + maxPayloadBytes);
        }
        byte[] payload = new byte[(int) h.payloadLength()];
        readPayloadFully(payload, 0, payload.length);
        return new Frame(h.fin(), h.rsv(), h.opcode(), payload);
    }

    /**
     * Ensures {@code n} (≤ buffer size) unread bytes are buffered.
     *
     * @return false only if {@code eofAllowed} and the stream ended before any byte
     */
    private boolean fill(int n, boolean eofAllowed) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos == limit) {
            pos = 0;
            limit = 0;
            chooseBuffer();
        } else if (buf.length - pos < n) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                if (eofAllowed && limit == pos) {
                    return false;
                }
                throw new EOFException("end of stream inside a frame header");
            }
            limit += r;
            lastArrival = clock.getAsLong();
        }
        return true;
    }

    /**
     * With nothing buffered, before a read that may wait: a quiet connection waits with the small buffer,
     * one that has had bytes within {@link #QUIET_AFTER_NANOS} with the whole one (a transition allocates).
     */
    private void chooseBuffer() {
        if (busyBytes <= QUIET_BUFFER_BYTES) {
            return;
        }
        boolean nowQuiet = clock.getAsLong() - lastArrival >= QUIET_AFTER_NANOS;
        if (nowQuiet != quiet) {
            quiet = nowQuiet;
            buf = new byte[quiet ? QUIET_BUFFER_BYTES : busyBytes];
        }
    }
}
