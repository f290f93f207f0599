package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static io.condurejava.ws.RawFrames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6455 §8.1: text messages must be UTF-8 as a whole, whatever the fragmentation (1007). */
class Utf8Test {
    /** One-, two-, three- and four-byte characters, including the edges U+D7FF, U+E000, U+FFFF and U+10FFFF. */
    private static final byte[] VALID = concat(bytes("aé€😀"), hex("ed 9f bf ee 80 80 ef bf bf f4 8f bf bf"), bytes("z"));

    private static final String[] INVALID_SEQUENCES = {
            "80", "bf", "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "f0 80 80 80", "f0 8f bf bf", // stray / overlong
            "ed a0 80", "ed bf bf", "ed af bf ed bf bf",                                            // surrogates
            "f4 90 80 80", "f5 80 80 80", "f7 bf bf bf", "f8 88 80 80 80", "fc 84 80 80 80 80",     // > U+10FFFF
            "fe", "ff", "c2 41", "e2 82 41", "f0 9f 98 41",                                         // bad continuation
    };

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static int failure(byte[] text) {
        return new RawFrames().frame(true, 0, Opcode.TEXT, text).failureCode();
    }

    @Test
    void validTextWithEveryLengthOfCharacterIsAccepted() throws IOException {
        assertEquals(List.of(new Incoming.DataPart(true, VALID, true)),
                new RawFrames().frame(true, 0, Opcode.TEXT, VALID).readAll());
    }

    @Test
    void anInvalidByteAtEveryPositionIs1007() {
        for (int i = 0; i < VALID.length; i++) {
            for (byte bad : new byte[]{(byte) 0xff, (byte) 0xc0, (byte) 0xf8}) {
                byte[] m = VALID.clone();
                m[i] = bad;
                assertEquals(CloseCodes.INVALID_PAYLOAD, failure(m), "position " + i);
            }
        }
    }

    @Test
    void everyInvalidSequenceIs1007AloneAndInsideText() {
        for (String seq : INVALID_SEQUENCES) {
            assertEquals(CloseCodes.INVALID_PAYLOAD, failure(hex(seq)), seq);
            assertEquals(CloseCodes.INVALID_PAYLOAD, failure(concat(bytes("ok "), hex(seq), bytes(" ok"))), seq);
        }
    }

    @Test
    void truncatedSequenceAtTheEndOfAMessageIs1007() {
        for (String seq : new String[]{"c3", "e2 82", "e2", "f0 9f 98", "f0 9f", "f0"}) {
            assertEquals(CloseCodes.INVALID_PAYLOAD, failure(concat(bytes("abc"), hex(seq))), seq);
            RawFrames f = new RawFrames().frame(false, 0, Opcode.TEXT, concat(bytes("abc"), hex(seq))).cont(true, "");
            assertEquals(CloseCodes.INVALID_PAYLOAD, f.failureCode(), seq + " then empty final fragment");
        }
    }

    @Test
    void validTextSplitIntoTwoFragmentsAtEveryBoundaryIsAccepted() throws IOException {
        for (int cut = 0; cut <= VALID.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(VALID, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(VALID, cut, VALID.length);
            RawFrames f = new RawFrames().frame(false, 0, Opcode.TEXT, a).frame(true, 0, Opcode.CONTINUATION, b);
            assertArrayEquals(VALID, joined(f.readAll()), "cut at " + cut);
        }
    }

    @Test
    void validTextDeliveredInOneBytePiecesIsAccepted() throws IOException {
        MessageReader r = new RawFrames().frame(true, 0, Opcode.TEXT, VALID).reader();
        assertArrayEquals(VALID, joined(RawFrames.readAll(r, 1)));
    }

    @Test
    void invalidSequenceSplitAcrossFragmentsAtEveryBoundaryIs1007() {
        for (String seq : INVALID_SEQUENCES) {
            byte[] m = concat(bytes("ab"), hex(seq), bytes("cd"));
            for (int cut = 0; cut <= m.length; cut++) {
                RawFrames f = new RawFrames()
                        .frame(false, 0, Opcode.TEXT, java.util.Arrays.copyOfRange(m, 0, cut))
                        .frame(true, 0, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(m, cut, m.length));
                assertEquals(CloseCodes.INVALID_PAYLOAD, f.failureCode(), seq + " cut at " + cut);
            }
        }
    }

    @Test
    void invalidTextFailsFastBeforeTheMessageEnds() throws IOException {
        // the final fragment never arrives: the error must come from the first one alone
        MessageReader r = new RawFrames().frame(false, 0, Opcode.TEXT, concat(bytes("ab"), hex("ed a0 80"))).reader();
        assertEquals(CloseCodes.INVALID_PAYLOAD, RawFrames.failureCode(r));
    }

    @Test
    void binaryMessagesAreNotChecked() throws IOException {
        byte[] junk = hex("ff fe c0 80 ed a0 80");
        assertEquals(List.of(new Incoming.DataPart(false, junk, true)),
                new RawFrames().frame(true, 0, Opcode.BINARY, junk).readAll());
    }

    private static byte[] joined(List<Incoming> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Incoming e : events) {
            out.writeBytes(((Incoming.DataPart) e).data());
        }
        Incoming.DataPart last = (Incoming.DataPart) events.get(events.size() - 1);
        assertEquals(true, last.last());
        return out.toByteArray();
    }
}
