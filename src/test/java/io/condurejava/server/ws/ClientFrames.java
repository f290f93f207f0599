package io.condurejava.server.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Builds client WebSocket frames byte by byte for tests (RFC 6455 §5.2), independent of the codec
 * under test, including frames that break the rules (any opcode, RSV bits, FIN, unmasked, oversized
 * control frames). Pure; any thread.
 */
final class ClientFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int RSV1 = 0x4;
    static final int RSV2 = 0x2;
    static final int RSV3 = 0x1;
    /** A fixed mask key: the tests need exact, repeatable bytes. */
    private static final byte[] MASK_KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private ClientFrames() {
    }

    /** A masked frame (what a client must send). */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return frame(fin, rsv, opcode, payload, true);
    }

    /** A frame with every header field chosen by the caller; {@code rsv} is the 3-bit RSV1..RSV3 field. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            out.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        if (masked) {
            out.writeBytes(MASK_KEY);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ MASK_KEY[i & 3]);
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    static byte[] text(String s) {
        return frame(true, 0, TEXT, utf8(s));
    }

    static byte[] binary(byte[] data) {
        return frame(true, 0, BINARY, data);
    }

    static byte[] ping(String s) {
        return frame(true, 0, PING, utf8(s));
    }

    static byte[] pong(String s) {
        return frame(true, 0, PONG, utf8(s));
    }

    /** A close frame with a 2-byte code (any value, even invalid ones) and a reason. */
    static byte[] close(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return frame(true, 0, CLOSE, payload);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A message body compressed as permessage-deflate requires (raw DEFLATE, sync flush, tail removed; RFC 7692 §7.2.1). */
    static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            do {
                n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
            } while (n == buf.length);
            byte[] all = out.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - 4); // drop 00 00 ff ff
        } finally {
            deflater.end();
        }
    }
}
