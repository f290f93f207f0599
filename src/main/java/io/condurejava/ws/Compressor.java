package io.condurejava.ws;

import java.util.zip.Deflater;

/**
 * Deflates outgoing messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE at the default
 * level, each piece of a message sync-flushed, the final piece with its trailing
 * {@code 00 00 ff ff} removed (a lone {@code 00}, an empty stored block's first byte, when nothing
 * is left). The context is reset after each message without context takeover. Mutable; used by
 * the connection's writer thread only.
 */
final class Compressor implements AutoCloseable {
    private static final int MIN_OUTPUT_BYTES = 64;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final boolean resetPerMessage;
    private byte[] out = new byte[256];

    /** @param resetPerMessage true when negotiated without context takeover for our direction */
    Compressor(boolean resetPerMessage) {
        this.resetPerMessage = resetPerMessage;
    }

    /**
     * Compresses one piece of a message into {@link #output()}; returns the number of bytes
     * there. {@code last} ends the message.
     */
    int compress(byte[] b, int off, int len, boolean last) {
        int bound = len + (len >>> 10) + MIN_OUTPUT_BYTES;
        if (out.length < bound) {
            out = new byte[bound];
        }
        deflater.setInput(b, off, len);
        int n = 0;
        while (true) {
            int room = out.length - n;
            int got = deflater.deflate(out, n, room, Deflater.SYNC_FLUSH);
            n += got;
            if (got < room) {
                break;
            }
            byte[] bigger = new byte[out.length * 2];
            System.arraycopy(out, 0, bigger, 0, n);
            out = bigger;
        }
        if (last) {
            if (n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xFF && out[n - 1] == (byte) 0xFF) {
                n -= 4;
            }
            if (n == 0) {
                out[0] = 0;
                n = 1;
            }
            if (resetPerMessage) {
                deflater.reset();
            }
        }
        return n;
    }

    /** The buffer holding the last {@link #compress} result (valid until the next call). */
    byte[] output() {
        return out;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
