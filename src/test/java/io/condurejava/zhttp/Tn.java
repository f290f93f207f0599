package io.condurejava.zhttp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Tiny independent tnetstring builder for hand-made test inputs (ISO-8859-1 strings). Test helper; one thread. */
final class Tn {
    private Tn() {
    }

    static byte[] frame(byte[] payload, char type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((payload.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        out.write(type);
        return out.toByteArray();
    }

    static byte[] str(String s) {
        return frame(s.getBytes(StandardCharsets.ISO_8859_1), ',');
    }

    static byte[] bytes(byte[] b) {
        return frame(b, ',');
    }

    static byte[] num(long v) {
        return frame(Long.toString(v).getBytes(StandardCharsets.US_ASCII), '#');
    }

    static byte[] bool(boolean v) {
        return frame(Boolean.toString(v).getBytes(StandardCharsets.US_ASCII), '!');
    }

    /** A frame with an arbitrary payload text and type byte (for malformed values). */
    static byte[] raw(String payload, char type) {
        return frame(payload.getBytes(StandardCharsets.ISO_8859_1), type);
    }

    static byte[] list(byte[]... items) {
        return frame(ZhttpVectors.concat(items), ']');
    }

    static byte[] dict(byte[]... keysAndValues) {
        return frame(ZhttpVectors.concat(keysAndValues), '}');
    }

    /** {@code T} + dict of the given key/value frames. */
    static byte[] packet(byte[]... keysAndValues) {
        return ZhttpVectors.concat(new byte[] {'T'}, dict(keysAndValues));
    }

    /** {@code T} + dict with {@code id: "1"} followed by the given entries. */
    static byte[] withId(byte[]... keysAndValues) {
        return ZhttpVectors.concat(new byte[] {'T'},
                dict(ZhttpVectors.concat(str("id"), str("1"), ZhttpVectors.concat(keysAndValues))));
    }
}
