package io.condurejava.pushpin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic test bodies and their SHA-256, written and hashed in pieces. Pure functions; any thread. */
final class Payload {
    static final int PIECE_BYTES = 64 * 1024;

    private Payload() {
    }

    /** Byte {@code i} of every payload: a pattern that is not periodic in small powers of two. */
    static byte at(long i) {
        return (byte) ((i * 2_654_435_761L >>> 13) ^ i);
    }

    static byte[] bytes(int from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = at(from + (long) i);
        }
        return b;
    }

    static byte[] bytes(int length) {
        return bytes(0, length);
    }

    /** Writes the first {@code length} payload bytes to {@code out} in pieces. */
    static void write(OutputStream out, int length) throws IOException {
        for (int off = 0; off < length; off += PIECE_BYTES) {
            out.write(bytes(off, Math.min(PIECE_BYTES, length - off)));
        }
    }

    static String sha256(byte[] data) {
        MessageDigest md = digest();
        md.update(data);
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of the first {@code length} payload bytes. */
    static String sha256OfPayload(int length) {
        MessageDigest md = digest();
        for (int off = 0; off < length; off += PIECE_BYTES) {
            md.update(bytes(off, Math.min(PIECE_BYTES, length - off)));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of exactly {@code length} bytes read from {@code in}; throws if it ends early. */
    static String sha256Of(InputStream in, long length) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[PIECE_BYTES];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("EOF with " + left + " of " + length + " bytes unread");
            }
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
