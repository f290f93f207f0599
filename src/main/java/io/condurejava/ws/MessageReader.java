package io.condurejava.ws;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns incoming frames into message pieces and control messages, enforcing the rules that span
 * frames (RFC 6455 §5.4, §5.5, §5.6, §8.1; RFC 7692 §6): continuation only inside a fragmented
 * message and no new data frame before it ends; control frames may come between fragments; RSV2
 * and RSV3 never, RSV1 only on the first frame of a data message and only with permessage-deflate;
 * text valid UTF-8 across pieces (1007); close payload rules; a maximum message size counted after
 * decompression (1009, which also stops zip bombs). Each {@link #next} returns at most
 * {@code maxPartBytes} of message data, so a huge message streams through bounded memory.
 * Used by one thread at a time (the connection's reader).
 *
 * <p>States: between messages (only TEXT, BINARY or control frames allowed); inside a message
 * (only CONTINUATION or control frames allowed), with a data frame partly read or not; and, for
 * a compressed message whose last frame has been read, draining the inflater. A piece that
 * exactly fills {@code maxPartBytes} may be followed by an empty last piece, as may a message
 * ending in an empty frame. Empty non-final pieces are never returned.
 */
public final class MessageReader implements AutoCloseable {
    /** Pass as {@code maxMessageBytes} for no limit (Condure has none; it streams). */
    public static final long UNLIMITED_MESSAGE_BYTES = Long.MAX_VALUE;
    /** Compressed payload is read in chunks of at most this size. */
    static final int COMPRESSED_CHUNK_BYTES = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final FrameReader frames;
    private final long maxMessageBytes;
    private final Decompressor decompressor;
    private final Utf8Validator utf8 = new Utf8Validator();
    private byte[] scratch = EMPTY;
    private byte[] compressed = EMPTY;

    private boolean inMessage;
    private boolean text;
    private boolean compressedMessage;
    private long messageBytes;
    private boolean frameActive;
    private boolean frameFin;
    private boolean draining;

    /**
     * @param maxMessageBytes largest message (after decompression) accepted, or {@link #UNLIMITED_MESSAGE_BYTES}
     * @param deflate the negotiated permessage-deflate parameters, or null when not negotiated
     */
    public MessageReader(InputStream in, Role role, long maxMessageBytes, PerMessageDeflate.Negotiated deflate) {
        this(new FrameReader(in, role), role, maxMessageBytes, deflate);
    }

    MessageReader(FrameReader frames, Role role, long maxMessageBytes, PerMessageDeflate.Negotiated deflate) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes must not be negative: " + maxMessageBytes);
        }
        this.frames = Objects.requireNonNull(frames, "frames");
        this.maxMessageBytes = maxMessageBytes;
        this.decompressor = deflate == null ? null : new Decompressor(deflate.peerResets(role));
    }

    /**
     * Blocks until the next piece of message data or control message.
     *
     * @param maxPartBytes most data bytes to return (bounds the memory this call uses)
     * @return the event, or null when the stream ended at a frame boundary (a peer that vanished
     *         without a close frame; possibly in the middle of a fragmented message)
     * @throws WebSocketProtocolException when the peer broke a rule; fail the connection with its code
     * @throws java.io.EOFException when the stream ended inside a frame
     */
    public Incoming next(int maxPartBytes) throws IOException {
        return next(maxPartBytes, maxPartBytes);
    }

    /**
     * Like {@link #next(int)}, but a plain (uncompressed) data piece larger than {@code blockingPartBytes}
     * is only made of bytes that are already readable: the call waits for the first bytes of a piece, never
     * for more than {@code blockingPartBytes} of it, and adds whatever else has already arrived up to
     * {@code maxPartBytes}. Fast senders get large pieces; a slow one never makes the reader hold a large array.
     */
    /**
     * Blocks until the peer has sent something (or the stream ended) and returns how many input bytes are
     * readable now (0 at the end). Lets a caller size its next piece from what has arrived instead of
     * reserving room while the peer is silent. Returns at once, without blocking, while a compressed
     * message is being inflated (its output needs no input).
     */
    public long awaitInput() throws IOException {
        if (draining || (frameActive && compressedMessage)) {
            return frames.readableNow();
        }
        return frames.awaitInput();
    }

    public Incoming next(int maxPartBytes, int blockingPartBytes) throws IOException {
        if (maxPartBytes < 1 || blockingPartBytes < 1) {
            throw new IllegalArgumentException("part sizes must be positive: " + maxPartBytes + ", " + blockingPartBytes);
        }
        while (true) {
            if (!frameActive && !draining) {
                FrameHeader h = frames.readHeader();
                if (h == null) {
                    return null;
                }
                if (h.isControl()) {
                    return control(h);
                }
                startDataFrame(h);
            }
            Incoming part = compressedMessage ? nextCompressed(maxPartBytes) : nextPlain(maxPartBytes, blockingPartBytes);
            if (part != null) {
                return part;
            }
        }
    }

    private Incoming control(FrameHeader h) throws IOException {
        if (h.rsv() != 0) {
            throw WebSocketProtocolException.protocol("reserved bits set on a control frame");
        }
        byte[] payload = new byte[(int) h.payloadLength()];
        frames.readPayloadFully(payload, 0, payload.length);
        return switch (h.opcode()) {
            case Opcode.PING -> new Incoming.Ping(payload);
            case Opcode.PONG -> new Incoming.Pong(payload);
            default -> ClosePayload.decode(payload);
        };
    }

    private void startDataFrame(FrameHeader h) throws WebSocketProtocolException {
        if ((h.rsv() & (Frame.RSV2 | Frame.RSV3)) != 0) {
            throw WebSocketProtocolException.protocol("RSV2/RSV3 set without a negotiated extension");
        }
        boolean rsv1 = (h.rsv() & Frame.RSV1) != 0;
        if (h.opcode() == Opcode.CONTINUATION) {
            if (!inMessage) {
                throw WebSocketProtocolException.protocol("continuation frame without a message to continue");
            }
            if (rsv1) {
                throw WebSocketProtocolException.protocol("RSV1 set on a continuation frame");
            }
        } else {
            if (inMessage) {
                throw WebSocketProtocolException.protocol("new data frame before the fragmented message ended");
            }
            if (rsv1 && decompressor == null) {
                throw WebSocketProtocolException.protocol("RSV1 set without permessage-deflate");
            }
            inMessage = true;
            text = h.opcode() == Opcode.TEXT;
            compressedMessage = rsv1;
            messageBytes = 0;
            utf8.reset();
        }
        if (!compressedMessage && h.payloadLength() > maxMessageBytes - messageBytes) {
            throw tooBig();
        }
        frameActive = true;
        frameFin = h.fin();
    }

    private Incoming nextPlain(int maxPartBytes, int blockingPartBytes) throws IOException {
        long remaining = frames.payloadRemaining();
        if (remaining == 0) {
            frameActive = false;
            return frameFin ? part(EMPTY, true) : null;
        }
        long size = Math.min(maxPartBytes, remaining);
        if (size > blockingPartBytes) {
            size = Math.max(blockingPartBytes, Math.min(size, frames.readableNow()));
        }
        byte[] data = new byte[(int) size];
        int n = frames.readPayload(data, 0, data.length);
        while (n < data.length && frames.readableNow() > 0) {
            n += frames.readPayload(data, n, data.length - n); // already there: does not block
        }
        if (n < data.length) {
            data = Arrays.copyOf(data, n);
        }
        messageBytes += n;
        boolean frameDone = frames.payloadRemaining() == 0;
        if (frameDone) {
            frameActive = false;
        }
        return part(data, frameDone && frameFin);
    }

    private Incoming nextCompressed(int maxPartBytes) throws IOException {
        if (scratch.length < maxPartBytes) {
            scratch = new byte[maxPartBytes];
        }
        int n = 0;
        while (true) {
            int got = decompressor.inflate(scratch, n, maxPartBytes - n);
            n += got;
            messageBytes += got;
            if (messageBytes > maxMessageBytes) {
                throw tooBig();
            }
            if (n == maxPartBytes) {
                return part(Arrays.copyOf(scratch, n), false);
            }
            if (!decompressor.needsInput()) {
                throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "compressed data makes no progress");
            }
            if (draining) {
                return part(Arrays.copyOf(scratch, n), true);
            }
            long remaining = frames.payloadRemaining();
            if (remaining > 0) {
                if (compressed.length == 0) {
                    compressed = new byte[COMPRESSED_CHUNK_BYTES];
                }
                int read = frames.readPayload(compressed, 0, (int) Math.min(compressed.length, remaining));
                decompressor.feed(compressed, 0, read);
            } else {
                frameActive = false;
                if (frameFin) {
                    decompressor.feedTail();
                    draining = true;
                } else {
                    return n > 0 ? part(Arrays.copyOf(scratch, n), false) : null;
                }
            }
        }
    }

    /** Checks UTF-8 and ends the message when {@code last}. */
    private Incoming part(byte[] data, boolean last) throws WebSocketProtocolException {
        if (text && !utf8.update(data, 0, data.length)) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "text message is not UTF-8");
        }
        if (last) {
            if (text && !utf8.isComplete()) {
                throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            }
            if (compressedMessage) {
                decompressor.endMessage();
            }
            inMessage = false;
            draining = false;
        }
        return new Incoming.DataPart(text, data, last);
    }

    private WebSocketProtocolException tooBig() {
        return new WebSocketProtocolException(CloseCodes.MESSAGE_TOO_BIG, "message larger than " + maxMessageBytes + " bytes");
    }

    /** Frees the inflater's native memory; does not close the stream. */
    @Override
    public void close() {
        if (decompressor != null) {
            decompressor.close();
        }
    }
}
