package io.condurejava.ws;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Writes frames (RFC 6455 §5.2) with the shortest length encoding; masks them with a fresh random
 * key per frame in the {@link Role#CLIENT} role (§5.3). Unmasked (server) frames are the header, then
 * the caller's array as is: give it a buffered stream (the server's holds a buffer only while writing),
 * so an idle WebSocket holds no write buffer here. Masked frames are copied through a scratch buffer of
 * {@link #COALESCE_LIMIT_BYTES}; one that fits leaves in a single {@code write} call. Does not flush.
 * Used by one thread at a time (the connection's writer).
 */
public final class FrameWriter {
    /** Masked frames up to this size (header included) are copied into one buffer and written at once. */
    public static final int COALESCE_LIMIT_BYTES = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 14;

    private final OutputStream out;
    private final boolean masking;
    private final IntSupplier maskKeys;
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    /** Masking copies (client role only), allocated on the first masked frame. */
    private byte[] scratch;

    public FrameWriter(OutputStream out, Role role) {
        this(out, role, role.writesMasked() ? new SecureRandom()::nextInt : () -> 0);
    }

    /** With a chosen source of masking keys (tests reproduce RFC examples with it). */
    FrameWriter(OutputStream out, Role role, IntSupplier maskKeys) {
        this.out = Objects.requireNonNull(out, "out");
        this.masking = role.writesMasked();
        this.maskKeys = Objects.requireNonNull(maskKeys, "maskKeys");
    }

    /** Writes one frame; {@code rsv} is the 3-bit reserved field (see {@link Frame#RSV1}). */
    public void write(boolean fin, int rsv, int opcode, byte[] data, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, data.length);
        if ((rsv & ~7) != 0 || (opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("rsv " + rsv + " or opcode " + opcode + " out of range");
        }
        if (Opcode.isControl(opcode) && (len > FrameReader.MAX_CONTROL_PAYLOAD_BYTES || !fin)) {
            throw new IllegalArgumentException("control frames must be final and at most 125 bytes: " + len);
        }
        int maskKey = masking ? maskKeys.getAsInt() : 0;
        int h = encodeHeader(fin, rsv, opcode, len, maskKey);
        if (!masking) {
            out.write(header, 0, h);
            out.write(data, off, len);
            return;
        }
        if (scratch == null) {
            scratch = new byte[COALESCE_LIMIT_BYTES];
        }
        if (h + len <= scratch.length) {
            System.arraycopy(header, 0, scratch, 0, h);
            System.arraycopy(data, off, scratch, h, len);
            Masking.mask(scratch, h, len, maskKey, 0);
            out.write(scratch, 0, h + len);
        } else {
            out.write(header, 0, h);
            for (int done = 0; done < len; ) {
                int n = Math.min(scratch.length, len - done);
                System.arraycopy(data, off + done, scratch, 0, n);
                Masking.mask(scratch, 0, n, maskKey, done);
                out.write(scratch, 0, n);
                done += n;
            }
        }
    }

    /** Writes a whole frame. */
    public void write(Frame frame) throws IOException {
        write(frame.fin(), frame.rsv(), frame.opcode(), frame.payload(), 0, frame.payload().length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Encodes the header into {@code header}; returns its length. */
    private int encodeHeader(boolean fin, int rsv, int opcode, int len, int maskKey) {
        byte[] s = header;
        s[0] = (byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masking ? 0x80 : 0;
        int p;
        if (len < 126) {
            s[1] = (byte) (maskBit | len);
            p = 2;
        } else if (len <= 0xFFFF) {
            s[1] = (byte) (maskBit | 126);
            s[2] = (byte) (len >>> 8);
            s[3] = (byte) len;
            p = 4;
        } else {
            s[1] = (byte) (maskBit | 127);
            s[2] = 0;
            s[3] = 0;
            s[4] = 0;
            s[5] = 0;
            s[6] = (byte) (len >>> 24);
            s[7] = (byte) (len >>> 16);
            s[8] = (byte) (len >>> 8);
            s[9] = (byte) len;
            p = 10;
        }
        if (masking) {
            s[p] = (byte) (maskKey >>> 24);
            s[p + 1] = (byte) (maskKey >>> 16);
            s[p + 2] = (byte) (maskKey >>> 8);
            s[p + 3] = (byte) maskKey;
            p += 4;
        }
        assert p <= MAX_HEADER_BYTES;
        return p;
    }
}
