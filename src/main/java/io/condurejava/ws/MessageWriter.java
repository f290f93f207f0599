package io.condurejava.ws;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes messages as frames: each {@link #writeData} call becomes one frame (TEXT or BINARY for the
 * first piece of a message, CONTINUATION after it, FIN on the last piece), compressed with
 * permessage-deflate when negotiated (RSV1 on the first frame, RFC 7692 §6). Control frames may
 * be written between the pieces of a message (RFC 6455 §5.4). Does not flush unless asked. Used
 * by one thread at a time (the connection's writer).
 */
public final class MessageWriter implements AutoCloseable {
    private final FrameWriter frames;
    private final Compressor compressor;
    private boolean inMessage;

    /** @param deflate the negotiated permessage-deflate parameters, or null when not negotiated */
    public MessageWriter(OutputStream out, Role role, PerMessageDeflate.Negotiated deflate) {
        this(new FrameWriter(out, role), role, deflate);
    }

    MessageWriter(FrameWriter frames, Role role, PerMessageDeflate.Negotiated deflate) {
        this.frames = Objects.requireNonNull(frames, "frames");
        this.compressor = deflate == null ? null : new Compressor(deflate.ownResets(role));
    }

    /**
     * Writes one piece of a message. {@code text} chooses the opcode of a message's first piece
     * and is ignored for the pieces after it; {@code last} ends the message.
     */
    public void writeData(boolean text, byte[] data, int off, int len, boolean last) throws IOException {
        Objects.checkFromIndexSize(off, len, data.length);
        int opcode = inMessage ? Opcode.CONTINUATION : text ? Opcode.TEXT : Opcode.BINARY;
        if (compressor == null) {
            frames.write(last, 0, opcode, data, off, len);
        } else {
            int n = compressor.compress(data, off, len, last);
            frames.write(last, inMessage ? 0 : Frame.RSV1, opcode, compressor.output(), 0, n);
        }
        inMessage = !last;
    }

    /** Writes a whole message in one frame. */
    public void writeMessage(boolean text, byte[] data) throws IOException {
        writeData(text, data, 0, data.length, true);
    }

    /** Writes a ping; at most 125 bytes. */
    public void writePing(byte[] payload) throws IOException {
        frames.write(true, 0, Opcode.PING, payload, 0, payload.length);
    }

    /** Writes a pong; at most 125 bytes. */
    public void writePong(byte[] payload) throws IOException {
        frames.write(true, 0, Opcode.PONG, payload, 0, payload.length);
    }

    /**
     * Writes a close frame: empty payload when {@code code} is {@link Incoming.Close#NO_CODE},
     * otherwise the code and the reason (at most 123 bytes, may be null).
     */
    public void writeClose(int code, byte[] reason) throws IOException {
        byte[] payload = ClosePayload.encode(code, reason);
        frames.write(true, 0, Opcode.CLOSE, payload, 0, payload.length);
    }

    public void flush() throws IOException {
        frames.flush();
    }

    /** Frees the deflater's native memory; does not close the stream. */
    @Override
    public void close() {
        if (compressor != null) {
            compressor.close();
        }
    }
}
