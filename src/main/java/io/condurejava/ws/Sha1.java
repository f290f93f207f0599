package io.condurejava.ws;

/**
 * SHA-1 (FIPS 180-4 §6.1.2) of two short strings one after the other, each char taken as one Latin-1 byte:
 * what the handshake's accept key needs (RFC 6455 §4.2.2), computed with a 16-word rolling message schedule
 * and no digest object, so an upgrade allocates one schedule and the 20-byte result instead of a cloned
 * {@code MessageDigest} with its state, block buffer and 80-word schedule. Pure; any thread. Not for secrets.
 */
final class Sha1 {
    private static final int BLOCK_BYTES = 64;
    private static final int LENGTH_BYTES = 8;

    private Sha1() {
    }

    /** The SHA-1 digest of {@code first + second}; a char above U+00FF counts as {@code '?'}, as a Latin-1 encoder writes it. */
    static byte[] digest(String first, String second) {
        int length = first.length() + second.length();
        int blocks = (length + 1 + LENGTH_BYTES + BLOCK_BYTES - 1) / BLOCK_BYTES;
        long bitLength = (long) length * 8;
        int[] w = new int[16];
        int h0 = 0x67452301;
        int h1 = 0xEFCDAB89;
        int h2 = 0x98BADCFE;
        int h3 = 0x10325476;
        int h4 = 0xC3D2E1F0;
        for (int block = 0; block < blocks; block++) {
            for (int i = 0; i < 16; i++) {
                int at = block * BLOCK_BYTES + i * 4;
                w[i] = paddedByte(first, second, at, blocks, bitLength) << 24
                        | paddedByte(first, second, at + 1, blocks, bitLength) << 16
                        | paddedByte(first, second, at + 2, blocks, bitLength) << 8
                        | paddedByte(first, second, at + 3, blocks, bitLength);
            }
            int a = h0;
            int b = h1;
            int c = h2;
            int d = h3;
            int e = h4;
            for (int t = 0; t < 80; t++) {
                int s = t & 15;
                if (t >= 16) { // W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]); w[s] holds W[t-16]
                    w[s] = Integer.rotateLeft(w[(s + 13) & 15] ^ w[(s + 8) & 15] ^ w[(s + 2) & 15] ^ w[s], 1);
                }
                int f;
                int k;
                if (t < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5A827999;
                } else if (t < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ED9EBA1;
                } else if (t < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8F1BBCDC;
                } else {
                    f = b ^ c ^ d;
                    k = 0xCA62C1D6;
                }
                int temp = Integer.rotateLeft(a, 5) + f + e + k + w[s];
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = temp;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
        }
        byte[] out = new byte[20];
        putInt(out, 0, h0);
        putInt(out, 4, h1);
        putInt(out, 8, h2);
        putInt(out, 12, h3);
        putInt(out, 16, h4);
        return out;
    }

    /** Byte {@code at} of the padded message: the two strings, 0x80, zeros, then the bit length (big-endian). */
    private static int paddedByte(String first, String second, int at, int blocks, long bitLength) {
        int firstLength = first.length();
        int length = firstLength + second.length();
        if (at < length) {
            char ch = at < firstLength ? first.charAt(at) : second.charAt(at - firstLength);
            return ch <= 0xFF ? ch : '?';
        }
        if (at == length) {
            return 0x80;
        }
        int fromEnd = blocks * BLOCK_BYTES - 1 - at;
        return fromEnd < LENGTH_BYTES ? (int) (bitLength >>> (8 * fromEnd)) & 0xFF : 0;
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }
}
