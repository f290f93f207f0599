package io.condurejava.zmq.zmtp;

import java.nio.ByteBuffer;

/**
 * ZMTP 3.0 frame layout: a flags byte (MORE, LONG, COMMAND), a 1-byte or 8-byte size, the body. Writes frames
 * into a buffer; {@link FrameDecoder} reads them. Pure functions; any thread.
 */
final class Frames {
    static final int MORE = 0x01;
    static final int LONG = 0x02;
    static final int COMMAND = 0x04;
    /** Largest body a short frame's one size byte can state. */
    static final int SHORT_MAX = 255;

    private Frames() {
    }

    /** Bytes a frame with a body of {@code length} takes on the wire. */
    static int encodedSize(int length) {
        return (length <= SHORT_MAX ? 2 : 9) + length;
    }

    /** Writes one frame; {@code flags} is MORE and/or COMMAND (LONG is chosen here). The buffer must have room. */
    static void put(ByteBuffer out, int flags, byte[] body) {
        put(out, flags, body, 0, body.length);
    }

    /** As {@link #put(ByteBuffer, int, byte[])} for {@code body[offset, offset + length)}. */
    static void put(ByteBuffer out, int flags, byte[] body, int offset, int length) {
        if (length <= SHORT_MAX) {
            out.put((byte) flags);
            out.put((byte) length);
        } else {
            out.put((byte) (flags | LONG));
            out.putLong(length);
        }
        out.put(body, offset, length);
    }
}
