package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configurable maximum message size (1009), counted per message across fragments; pieces stay within maxPartBytes. */
class MaxMessageSizeTest {

    @Test
    void messageOfExactlyTheLimitIsAccepted() throws IOException {
        assertEquals(List.of(new Incoming.DataPart(false, new byte[10], true)),
                RawFrames.readAll(new RawFrames().frame(true, 0, Opcode.BINARY, new byte[10]).reader(10, null), 100));
    }

    @Test
    void singleFrameOverTheLimitIs1009BeforeItsPayloadArrives() {
        byte[] wire = new RawFrames().frame(true, 0, Opcode.BINARY, new byte[11]).bytes();
        byte[] headerOnly = Arrays.copyOf(wire, 6); // 2-byte header + mask key, no payload
        MessageReader r = new MessageReader(new ByteArrayInputStream(headerOnly), Role.SERVER, 10, null);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, RawFrames.failureCode(r));
    }

    @Test
    void hugeDeclaredLengthIs1009() {
        byte[] wire = new RawFrames().raw("82 ff 7f ff ff ff ff ff ff ff 01 02 03 04").bytes();
        MessageReader r = new MessageReader(new ByteArrayInputStream(wire), Role.SERVER, 1 << 20, null);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, RawFrames.failureCode(r));
    }

    @Test
    void lengthWithTheHighBitSetIs1002() {
        byte[] wire = new RawFrames().raw("82 ff 80 00 00 00 00 00 00 00 01 02 03 04").bytes();
        MessageReader r = new MessageReader(new ByteArrayInputStream(wire), Role.SERVER, Long.MAX_VALUE, null);
        assertEquals(CloseCodes.PROTOCOL_ERROR, RawFrames.failureCode(r));
    }

    @Test
    void fragmentsAddUpAcrossTheMessage() throws IOException {
        RawFrames over = new RawFrames().text(false, "123456").cont(true, "78901");
        MessageReader r = over.reader(10, null);
        assertEquals(new Incoming.DataPart(true, bytes("123456"), false), r.next(100));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, RawFrames.failureCode(r));
    }

    @Test
    void controlFramesDoNotCountAndEachMessageStartsFromZero() throws IOException {
        RawFrames f = new RawFrames().text(false, "12345")
                .frame(true, 0, Opcode.PING, new byte[100])
                .cont(true, "67890")
                .text(true, "1234567890");
        assertEquals(4, RawFrames.readAll(f.reader(10, null), 100).size());
    }

    @Test
    void piecesNeverExceedMaxPartBytes() throws IOException {
        byte[] big = new byte[100_000];
        new java.util.Random(1).nextBytes(big);
        MessageReader r = new RawFrames().frame(true, 0, Opcode.BINARY, big).reader();
        List<Incoming> parts = RawFrames.readAll(r, 8192);
        int total = 0;
        for (int i = 0; i < parts.size(); i++) {
            Incoming.DataPart p = (Incoming.DataPart) parts.get(i);
            assertTrue(p.data().length <= 8192 && p.data().length > 0);
            assertEquals(i == parts.size() - 1, p.last());
            assertEquals(p.data()[0], big[total]);
            total += p.data().length;
        }
        assertEquals(big.length, total);
    }

    @Test
    void unlimitedByDefault() throws IOException {
        MessageReader r = new RawFrames().frame(true, 0, Opcode.BINARY, new byte[1 << 20]).reader();
        long total = 0;
        for (Incoming e; (e = r.next(65536)) != null; ) {
            total += ((Incoming.DataPart) e).data().length;
        }
        assertEquals(1 << 20, total);
    }
}
