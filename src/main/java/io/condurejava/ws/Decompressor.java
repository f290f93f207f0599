package io.condurejava.ws;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates permessage-deflate messages (RFC 7692 §7.2.2): a message's frame payloads are fed in
 * order, then the stripped {@code 00 00 ff ff} tail is fed back, and output is pulled in pieces
 * of the caller's size (so memory stays bounded whatever the compression ratio). The 15-bit
 * window accepts any client_max_window_bits. Data after a block with BFINAL set is ignored for
 * the rest of the message and the context starts afresh with the next one. Mutable; used by the
 * connection's reader thread only.
 */
final class Decompressor implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Inflater inflater = new Inflater(true);
    private final boolean resetPerMessage;
    private boolean streamEnded;

    /** @param resetPerMessage true when the peer compresses without context takeover */
    Decompressor(boolean resetPerMessage) {
        this.resetPerMessage = resetPerMessage;
    }

    /**
     * Queues compressed bytes; the array is read in place, so it must stay unchanged until
     * {@link #needsInput()} is true again.
     */
    void feed(byte[] b, int off, int len) {
        if (!streamEnded) {
            inflater.setInput(b, off, len);
        }
    }

    /** Queues the {@code 00 00 ff ff} that the sender removed from the end of the message. */
    void feedTail() {
        feed(TAIL, 0, TAIL.length);
    }

    /** Inflates up to {@code len} bytes; 0 when more input is needed. */
    int inflate(byte[] out, int off, int len) throws WebSocketProtocolException {
        if (streamEnded) {
            return 0;
        }
        int n;
        try {
            n = inflater.inflate(out, off, len);
        } catch (DataFormatException e) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "bad compressed data");
        }
        if (inflater.finished()) {
            streamEnded = true;
        } else if (n == 0 && inflater.needsDictionary()) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "bad compressed data");
        }
        return n;
    }

    /** True when all fed input is consumed (or ignored after BFINAL). */
    boolean needsInput() {
        return streamEnded || inflater.needsInput();
    }

    /** Ends a message: drops the context if negotiated so, or if the sender ended its stream. */
    void endMessage() {
        if (resetPerMessage || streamEnded) {
            inflater.reset();
            streamEnded = false;
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
