package io.condurejava.http1;

import java.io.ByteArrayOutputStream;

/**
 * A deliberately simple chunked decoder for bytes the real decoder already accepted: sizes are
 * the leading hex digits of each size line, everything else up to the LF is skipped. Test oracle
 * only (it does not validate); pure, any thread.
 */
final class ReferenceChunked {
    private ReferenceChunked() {
    }

    /** Decodes a whole chunked body at the start of {@code wire} into {@code out}; returns the bytes it spans. */
    static int decode(byte[] wire, ByteArrayOutputStream out) {
        int p = 0;
        while (true) {
            long size = 0;
            while (Ascii.hexValue(wire[p]) >= 0) {
                size = size * 16 + Ascii.hexValue(wire[p++]);
            }
            p = afterLf(wire, p);
            if (size == 0) {
                while (wire[p] != '\r') {
                    p = afterLf(wire, p);
                }
                return p + 2;
            }
            out.write(wire, p, Math.toIntExact(size));
            p += Math.toIntExact(size) + 2;
        }
    }

    private static int afterLf(byte[] wire, int p) {
        while (wire[p] != '\n') {
            p++;
        }
        return p + 1;
    }
}
