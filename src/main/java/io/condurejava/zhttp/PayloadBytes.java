package io.condurejava.zhttp;

import java.nio.charset.StandardCharsets;

/** Helpers shared by the payload records for their byte[] components. Pure functions; any thread. */
final class PayloadBytes {
    static final byte[] EMPTY = new byte[0];
    private static final int PREVIEW_MAX_BYTES = 32;

    private PayloadBytes() {
    }

    static byte[] orEmpty(byte[] b) {
        return b == null ? EMPTY : b;
    }

    /** Short printable description of a body: its length and an escaped preview. */
    static String describe(byte[] b) {
        StringBuilder sb = new StringBuilder().append(b.length).append(" bytes");
        if (b.length == 0) {
            return sb.toString();
        }
        sb.append(" \"");
        int n = Math.min(b.length, PREVIEW_MAX_BYTES);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append(b.length > n ? "\"..." : "\"").toString();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
