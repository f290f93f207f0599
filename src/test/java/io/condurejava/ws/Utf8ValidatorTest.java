package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incremental validator agrees with the JDK's strict UTF-8 decoder on random input, fed whole or in pieces. */
class Utf8ValidatorTest {

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomSequences() {
        Random rnd = new Random(42);
        int valid = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[rnd.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                // bias towards interesting bytes: ASCII, continuation bytes and lead bytes
                b[i] = (byte) switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextInt(0x80);
                    case 1 -> 0x80 + rnd.nextInt(0x40);
                    default -> 0xC0 + rnd.nextInt(0x40);
                };
            }
            boolean expected = jdkAccepts(b);
            valid += expected ? 1 : 0;
            assertEquals(expected, Utf8Validator.isValid(b, 0, b.length), java.util.HexFormat.of().formatHex(b));
            Utf8Validator pieces = new Utf8Validator();
            boolean ok = true;
            int cut = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            ok &= pieces.update(b, 0, cut);
            ok &= pieces.update(b, cut, b.length - cut);
            assertEquals(expected, ok && pieces.isComplete(), "split at " + cut);
        }
        assertTrue(valid > 10_000, "the generator produced enough valid sequences: " + valid);
    }

    @Test
    void longAsciiRunsAndMultibyteAtEveryAlignment() {
        String s = "x".repeat(37) + "é" + "y".repeat(21) + "😀" + "z".repeat(9);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < 16; off++) {
            byte[] padded = new byte[off + b.length];
            System.arraycopy(b, 0, padded, off, b.length);
            assertTrue(Utf8Validator.isValid(padded, off, b.length));
            padded[off + 37] = (byte) 0xff;
            assertFalse(Utf8Validator.isValid(padded, off, b.length));
        }
    }

    @Test
    void invalidStaysInvalidUntilReset() {
        Utf8Validator v = new Utf8Validator();
        assertFalse(v.update(new byte[]{(byte) 0xff}, 0, 1));
        assertFalse(v.update(new byte[]{'a'}, 0, 1));
        assertFalse(v.isComplete());
        v.reset();
        assertTrue(v.update(new byte[]{'a'}, 0, 1));
        assertTrue(v.isComplete());
    }
}
