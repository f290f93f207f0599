package io.condurejava.zhttp;

import static io.condurejava.zhttp.ZhttpVectors.latin1;
import static io.condurejava.zhttp.ZhttpVectors.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The low-level tnetstring writer and reader, and the UTF-8 validator. */
class TnetstringTest {

    @Test
    void writerBackPatchesNestedLengthsOfEverySize() {
        for (int n : new int[] {0, 1, 9, 10, 99, 100, 12345}) {
            TnetWriter w = new TnetWriter(0);
            w.begin();
            w.begin();
            w.string(new byte[n]);
            w.end(TnetReader.LIST);
            w.integer(-42);
            w.integer(Long.MIN_VALUE);
            w.bool(false);
            String got = text(finished(w, TnetReader.DICT));
            String str = n + ":" + "\0".repeat(n) + ",";
            String list = str.length() + ":" + str + "]";
            String body = list + "3:-42#20:-9223372036854775808#5:false!";
            assertEquals("T" + body.length() + ":" + body + "}", got);
        }
    }

    @Test
    void writerLatin1WritesEachCharAsOneByteAndGrowsPastItsFirstBuffer() {
        String long1 = "v\u00e9".repeat(100); // 200 chars: past the 64-byte first buffer
        TnetWriter w = new TnetWriter(0);
        w.begin();
        w.latin1("caf\u00e9 \u20ac"); // the euro sign is not Latin-1: '?', as String.getBytes(ISO_8859_1) gives
        w.latin1(long1);
        w.latin1("");
        byte[] got = finished(w, TnetReader.LIST);
        String body = "6:caf\u00e9 ?,200:" + long1 + ",0:,";
        assertEquals("T" + body.length() + ":" + body + "]", new String(got, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void writerEnforcesTheValueLimit() {
        TnetWriter w = new TnetWriter(0);
        w.begin(); // counts 2
        for (int i = 0; i < TnetWriter.VALUES_PER_MESSAGE_MAX - 2; i++) {
            w.integer(i);
        }
        assertThrows(IllegalArgumentException.class, () -> w.integer(1));
    }

    @Test
    void readerIntegersCoverTheSigned64BitRange() throws ZhttpFormatException {
        assertEquals(Long.MIN_VALUE, readInt("-9223372036854775808"));
        assertEquals(Long.MAX_VALUE, readInt("9223372036854775807"));
        assertEquals(0, readInt("-0"));
        assertEquals(7, readInt("007"));
        assertThrows(ZhttpFormatException.class, () -> readInt("-9223372036854775809"));
        assertThrows(ZhttpFormatException.class, () -> readInt("9223372036854775808"));
    }

    private static long readInt(String digits) throws ZhttpFormatException {
        byte[] b = latin1(digits.length() + ":" + digits + "#");
        TnetReader r = new TnetReader(b, 0, b.length);
        r.next();
        return r.integer("n");
    }

    @Test
    void readerSkipsContainersWithoutLookingInside() throws ZhttpFormatException {
        byte[] b = latin1("5:xxxxx]3:abc,");
        TnetReader r = new TnetReader(b, 0, b.length);
        r.next();
        assertEquals(TnetReader.LIST, r.type);
        r.next();
        assertEquals("abc", r.latin1("s"));
        assertFalse(r.hasNext());
    }

    @Test
    void utf8Validation() {
        assertTrue(valid("plain ascii"));
        assertTrue(valid("é ✓ 😀 \u07ff \uffff"));
        assertTrue(valid(new byte[] {(byte) 0xf4, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf})); // U+10FFFF
        assertFalse(valid(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})); // > U+10FFFF
        assertFalse(valid(new byte[] {(byte) 0xc1, (byte) 0xbf})); // overlong
        assertFalse(valid(new byte[] {(byte) 0xe0, (byte) 0x9f, (byte) 0xbf})); // overlong
        assertFalse(valid(new byte[] {(byte) 0xf0, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf})); // overlong
        assertFalse(valid(new byte[] {(byte) 0xed, (byte) 0xbf, (byte) 0xbf})); // surrogate
        assertFalse(valid(new byte[] {(byte) 0xe2, (byte) 0x9c})); // truncated
        assertFalse(valid(new byte[] {(byte) 0x80})); // lone continuation
        assertFalse(valid(new byte[] {(byte) 0xc3, 'a'})); // bad continuation
        assertFalse(valid(new byte[] {(byte) 0xff}));
    }

    private static boolean valid(String s) {
        return valid(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean valid(byte[] b) {
        return Utf8.isValid(b, 0, b.length);
    }

    /** The writer's finished value with the {@code T} lead, copied out of its buffer. */
    private static byte[] finished(TnetWriter w, byte type) {
        EncodedPacket done = w.finishInPlace(type, (byte) 'T');
        return java.util.Arrays.copyOfRange(done.bytes(), done.offset(), done.offset() + done.length());
    }
}
