package io.condurejava.zmq.zmtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts ZMTP 3.0 frames out of a byte stream as it arrives. A body larger than what is buffered is gathered
 * into an array of its own, so the read buffer never has to grow. One per peer connection; runs on the
 * ZeroMQ thread.
 */
final class FrameDecoder {

    /** Receives each whole frame. */
    interface Sink {
        /** {@code flags} holds MORE and COMMAND as sent; returns false to stop decoding (the peer is closed). */
        boolean frame(int flags, byte[] body);
    }

    /** A frame the peer must not send: too large, or a reserved flag bit set. */
    static final class BadFrame extends Exception {
        BadFrame(String message) {
            super(message);
        }
    }

    private static final int RESERVED_FLAGS = 0xF8;
    /** First allocation for a body that has not fully arrived; it doubles as more comes. */
    private static final int INITIAL_PARTIAL_BYTES = 64 * 1024;

    private final long maxFrameBytes;
    private byte[] partial; // body being gathered across reads, or null
    private int partialFlags;
    private int partialFilled;
    private int partialLength;

    FrameDecoder(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Decodes every whole frame in {@code in} (read mode) and hands it to the sink; leaves a header that has
     * not fully arrived in the buffer. Returns false when the sink asked to stop.
     */
    boolean decode(ByteBuffer in, Sink sink) throws BadFrame {
        while (true) {
            if (partial != null) {
                int take = Math.min(in.remaining(), partialLength - partialFilled);
                if (partialFilled + take > partial.length) {
                    // grown as bytes arrive: a header alone cannot make us allocate its whole stated size
                    partial = Arrays.copyOf(partial, (int) Math.min(partialLength, Math.max(partial.length * 2L,
                            partialFilled + take)));
                }
                in.get(partial, partialFilled, take);
                partialFilled += take;
                if (partialFilled < partialLength) {
                    return true;
                }
                byte[] body = partial;
                partial = null;
                if (!sink.frame(partialFlags, body)) {
                    return false;
                }
                continue;
            }
            if (in.remaining() < 2) {
                return true;
            }
            int start = in.position();
            int flags = in.get(start) & 0xFF;
            if ((flags & RESERVED_FLAGS) != 0) {
                throw new BadFrame(String.format("reserved frame flag bits set (0x%02x)", flags));
            }
            long size;
            int headerBytes;
            if ((flags & Frames.LONG) != 0) {
                if (in.remaining() < 9) {
                    return true;
                }
                size = in.getLong(start + 1);
                headerBytes = 9;
            } else {
                size = in.get(start + 1) & 0xFF;
                headerBytes = 2;
            }
            if (size < 0 || size > maxFrameBytes) {
                throw new BadFrame("frame of " + Long.toUnsignedString(size) + " bytes is over the limit of "
                        + maxFrameBytes);
            }
            int length = (int) size;
            int frameFlags = flags & (Frames.MORE | Frames.COMMAND);
            if (in.remaining() - headerBytes >= length) {
                in.position(start + headerBytes);
                byte[] body = new byte[length];
                in.get(body);
                if (!sink.frame(frameFlags, body)) {
                    return false;
                }
            } else {
                in.position(start + headerBytes);
                partial = new byte[Math.min(length, INITIAL_PARTIAL_BYTES)];
                partialLength = length;
                partialFlags = frameFlags;
                partialFilled = 0;
            }
        }
    }
}
