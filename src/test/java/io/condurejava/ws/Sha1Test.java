package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our handshake SHA-1 against FIPS 180-4's examples and the JDK's MessageDigest, across every padding case. */
class Sha1Test {

    @Test
    void fipsExamples() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", hex(Sha1.digest("ab", "c")));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                hex(Sha1.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "")));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hex(Sha1.digest("", "")));
    }

    @Test
    void agreesWithTheJdkForEveryLengthAcrossThreeBlocks() throws Exception {
        Random random = new Random(6455);
        for (int length = 0; length <= 200; length++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(256));
            }
            int split = length == 0 ? 0 : random.nextInt(length + 1);
            String first = text.substring(0, split);
            String second = text.substring(split);
            byte[] expected = MessageDigest.getInstance("SHA-1").digest(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            assertArrayEquals(expected, Sha1.digest(first, second), "length " + length + ", split at " + split);
        }
    }

    @Test
    void charsBeyondLatin1CountAsQuestionMarksAsTheLatin1EncoderWritesThem() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-1").digest("a\u20acb".getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(expected, Sha1.digest("a\u20ac", "b"));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
