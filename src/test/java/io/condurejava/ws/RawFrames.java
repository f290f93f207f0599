package io.condurejava.ws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test fixture: builds frames byte by byte, independently of FrameWriter, and reads them back. */
final class RawFrames {
    static final int MASK_KEY = 0x37fa213d;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A masked client frame with the shortest length encoding. */
    RawFrames frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return frame(fin, rsv, opcode, true, payload);
    }

    RawFrames frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        int lengthBytes = payload.length < 126 ? 0 : payload.length <= 0xFFFF ? 2 : 8;
        return frame(fin, rsv, opcode, masked, payload, lengthBytes);
    }

    /** A frame with a chosen length encoding: 0 (7-bit), 2 (16-bit) or 8 (64-bit). */
    RawFrames frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, int lengthBytes) {
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        switch (lengthBytes) {
            case 0 -> out.write(maskBit | payload.length);
            case 2 -> {
                out.write(maskBit | 126);
                out.write(payload.length >>> 8);
                out.write(payload.length);
            }
            default -> {
                out.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift));
                }
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
            out.writeBytes(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        out.writeBytes(body);
        return this;
    }

    RawFrames text(boolean fin, String s) {
        return frame(fin, 0, Opcode.TEXT, bytes(s));
    }

    RawFrames cont(boolean fin, String s) {
        return frame(fin, 0, Opcode.CONTINUATION, bytes(s));
    }

    RawFrames raw(String hex) {
        out.writeBytes(HexFormat.ofDelimiter(" ").parseHex(hex));
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    /** A server-role reader without deflate and without a size limit over these bytes. */
    MessageReader reader() {
        return reader(MessageReader.UNLIMITED_MESSAGE_BYTES, null);
    }

    MessageReader reader(long maxMessageBytes, PerMessageDeflate.Negotiated deflate) {
        return new MessageReader(new ByteArrayInputStream(bytes()), Role.SERVER, maxMessageBytes, deflate);
    }

    /** Every event until the end of the stream (large parts). */
    List<Incoming> readAll() throws IOException {
        return readAll(reader(), 1 << 20);
    }

    static List<Incoming> readAll(MessageReader r, int maxPart) throws IOException {
        List<Incoming> events = new ArrayList<>();
        for (Incoming e; (e = r.next(maxPart)) != null; ) {
            events.add(e);
        }
        return events;
    }

    /** The close code of the protocol error the reader reports for these bytes. */
    int failureCode() {
        return failureCode(reader());
    }

    static int failureCode(MessageReader r) {
        try {
            readAll(r, 1 << 20);
        } catch (WebSocketProtocolException e) {
            return e.closeCode();
        } catch (IOException e) {
            throw new AssertionError("not a protocol error", e);
        }
        return 0;
    }
}
