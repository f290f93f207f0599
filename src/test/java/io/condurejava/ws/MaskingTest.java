package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The eight-bytes-at-a-time masking equals the byte-by-byte definition of RFC 6455 §5.3. */
class MaskingTest {

    @Test
    void matchesNaiveMaskingForEveryOffsetLengthAndPhase() {
        Random rnd = new Random(7);
        for (int len = 0; len <= 40; len++) {
            for (int off = 0; off < 9; off++) {
                for (long position = 0; position < 8; position++) {
                    int key = rnd.nextInt();
                    byte[] data = new byte[off + len + 3];
                    rnd.nextBytes(data);
                    byte[] expected = data.clone();
                    for (int i = 0; i < len; i++) {
                        int keyByte = (key >>> (8 * (3 - (int) ((position + i) & 3)))) & 0xFF;
                        expected[off + i] ^= (byte) keyByte;
                    }
                    Masking.mask(data, off, len, key, position);
                    assertArrayEquals(expected, data, "len " + len + " off " + off + " position " + position);
                }
            }
        }
    }

    @Test
    void maskingInPiecesEqualsMaskingAtOnce() {
        Random rnd = new Random(11);
        byte[] data = new byte[1000];
        rnd.nextBytes(data);
        byte[] whole = data.clone();
        Masking.mask(whole, 0, whole.length, 0x01020304, 0);
        byte[] pieces = data.clone();
        int done = 0;
        while (done < pieces.length) {
            int n = Math.min(pieces.length - done, 1 + rnd.nextInt(37));
            Masking.mask(pieces, done, n, 0x01020304, done);
            done += n;
        }
        assertArrayEquals(whole, pieces);
    }
}
