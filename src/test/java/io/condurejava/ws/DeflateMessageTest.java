package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.condurejava.ws.RawFrames.bytes;
import static io.condurejava.ws.RawFrames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compressed messages end to end: server MessageWriter → client MessageReader, fragmentation, empty messages, zip bombs. */
class DeflateMessageTest {
    private static final List<PerMessageDeflate.Negotiated> ALL = List.of(
            new PerMessageDeflate.Negotiated(false, false), new PerMessageDeflate.Negotiated(true, false),
            new PerMessageDeflate.Negotiated(false, true), new PerMessageDeflate.Negotiated(true, true));

    /** Random messages: compressible text, incompressible binary, empty, and up to 300 KB. */
    private static List<byte[]> messages(long seed) {
        Random rnd = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int len = switch (i % 5) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(20);
                case 2 -> rnd.nextInt(5000);
                case 3 -> 65536 + rnd.nextInt(10);
                default -> rnd.nextInt(300_000);
            };
            byte[] m = new byte[len];
            if (i % 2 == 0) {
                for (int j = 0; j < len; j++) {
                    m[j] = (byte) ('a' + rnd.nextInt(4));
                }
            } else {
                rnd.nextBytes(m);
            }
            out.add(m);
        }
        return out;
    }

    /** Writes each message in pieces of {@code pieceBytes} (0 = whole) as the server, reads as the client. */
    private static List<byte[]> roundTrip(PerMessageDeflate.Negotiated deflate, List<byte[]> messages, int pieceBytes, int maxPart)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageWriter w = new MessageWriter(out, Role.SERVER, deflate)) {
            for (byte[] m : messages) {
                if (pieceBytes == 0) {
                    w.writeMessage(false, m);
                } else {
                    int off = 0;
                    do {
                        int n = Math.min(pieceBytes, m.length - off);
                        w.writeData(false, m, off, n, off + n == m.length);
                        off += n;
                    } while (off < m.length);
                }
                w.writePing(bytes("between"));
            }
        }
        List<byte[]> got = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        try (MessageReader r = new MessageReader(new ByteArrayInputStream(out.toByteArray()), Role.CLIENT, 1 << 20, deflate)) {
            for (Incoming e; (e = r.next(maxPart)) != null; ) {
                if (e instanceof Incoming.DataPart p) {
                    assertTrue(p.data().length <= maxPart);
                    assertTrue(p.last() || p.data().length > 0, "no empty non-final pieces");
                    current.writeBytes(p.data());
                    if (p.last()) {
                        got.add(current.toByteArray());
                        current.reset();
                    }
                }
            }
        }
        return got;
    }

    private static void assertSameMessages(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "message " + i);
        }
    }

    @Test
    void wholeMessagesRoundTripWithEveryNegotiation() throws IOException {
        List<byte[]> m = messages(1);
        for (PerMessageDeflate.Negotiated d : ALL) {
            assertSameMessages(m, roundTrip(d, m, 0, 8192));
        }
    }

    @Test
    void fragmentedCompressedMessagesRoundTrip() throws IOException {
        List<byte[]> m = messages(2);
        for (PerMessageDeflate.Negotiated d : ALL) {
            assertSameMessages(m, roundTrip(d, m, 1000, 8192));
            assertSameMessages(m, roundTrip(d, m, 8192, 777));
        }
    }

    @Test
    void emptyMessageIsASingleZeroByte() throws IOException {
        for (PerMessageDeflate.Negotiated d : ALL) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MessageWriter w = new MessageWriter(out, Role.SERVER, d);
            w.writeMessage(true, new byte[0]);
            w.writeMessage(true, new byte[0]);
            assertArrayEquals(hex("c1 01 00 c1 01 00"), out.toByteArray());
        }
    }

    @Test
    void emptyFinalPieceAfterDataStillEndsTheMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, false);
        MessageWriter w = new MessageWriter(out, Role.SERVER, d);
        w.writeData(true, bytes("Hello"), 0, 5, false);
        w.writeData(true, new byte[0], 0, 0, true);
        w.writeMessage(true, bytes("Hello"));
        byte[] wire = out.toByteArray();
        assertEquals(0x41, wire[0] & 0xFF, "first frame: TEXT with RSV1, not final");
        MessageReader r = new MessageReader(new ByteArrayInputStream(wire), Role.CLIENT, 100, d);
        List<Incoming> events = RawFrames.readAll(r, 100);
        assertEquals(new Incoming.DataPart(true, bytes("Hello"), true), events.get(events.size() - 1));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        events.subList(0, events.size() - 1).forEach(e -> first.writeBytes(((Incoming.DataPart) e).data()));
        assertArrayEquals(bytes("Hello"), first.toByteArray());
    }

    @Test
    void zipBombIsStoppedAtTheMessageLimit() throws IOException {
        byte[] zeros = new byte[50 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, false);
        new MessageWriter(out, Role.CLIENT, d).writeMessage(false, zeros);
        assertTrue(out.size() < 100_000, "50 MiB of zeros compress to " + out.size() + " bytes");

        MessageReader limited = new MessageReader(new ByteArrayInputStream(out.toByteArray()), Role.SERVER, 1 << 20, d);
        WebSocketProtocolExceptionHolder h = new WebSocketProtocolExceptionHolder();
        long delivered = h.drain(limited, 8192);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, h.code);
        assertTrue(delivered <= 1 << 20, "delivered " + delivered);
    }

    @Test
    void hugeInflatedMessageStreamsInBoundedPiecesWithoutALimit() throws IOException {
        byte[] zeros = new byte[20 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, false);
        new MessageWriter(out, Role.CLIENT, d).writeMessage(false, zeros);
        MessageReader r = new MessageReader(new ByteArrayInputStream(out.toByteArray()), Role.SERVER,
                MessageReader.UNLIMITED_MESSAGE_BYTES, d);
        long total = 0;
        int parts = 0;
        for (Incoming e; (e = r.next(65536)) != null; ) {
            Incoming.DataPart p = (Incoming.DataPart) e;
            assertTrue(p.data().length <= 65536);
            total += p.data().length;
            parts++;
        }
        assertEquals(zeros.length, total);
        assertTrue(parts >= zeros.length / 65536);
    }

    @Test
    void corruptCompressedDataIs1007() {
        PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, false);
        RawFrames f = new RawFrames().frame(true, Frame.RSV1, Opcode.BINARY, hex("ff ff ff ff"));
        assertEquals(CloseCodes.INVALID_PAYLOAD, RawFrames.failureCode(f.reader(1 << 20, d)));
    }

    @Test
    void invalidUtf8InsideACompressedTextMessageIs1007() throws IOException {
        PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageWriter(out, Role.CLIENT, d).writeMessage(true, hex("41 42 ed a0 80"));
        MessageReader r = new MessageReader(new ByteArrayInputStream(out.toByteArray()), Role.SERVER, 1 << 20, d);
        assertEquals(CloseCodes.INVALID_PAYLOAD, RawFrames.failureCode(r));
    }

    @Test
    void uncompressedMessagesMixWithCompressedOnes() throws IOException {
        PerMessageDeflate.Negotiated d = new PerMessageDeflate.Negotiated(false, false);
        RawFrames f = new RawFrames().text(true, "plain").frame(true, Frame.RSV1, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00"))
                .text(false, "pl").cont(true, "ain");
        List<Incoming> events = RawFrames.readAll(f.reader(1 << 20, d), 100);
        assertEquals(new Incoming.DataPart(true, bytes("Hello"), true), events.get(1));
        assertEquals(4, events.size());
    }

    /** Reads until a protocol error, counting delivered data bytes. */
    private static final class WebSocketProtocolExceptionHolder {
        int code;

        long drain(MessageReader r, int maxPart) throws IOException {
            long total = 0;
            try {
                for (Incoming e; (e = r.next(maxPart)) != null; ) {
                    total += ((Incoming.DataPart) e).data().length;
                }
            } catch (WebSocketProtocolException e) {
                code = e.closeCode();
            }
            return total;
        }
    }

    @Test
    void compressorDropsTheSyncFlushTailOnlyAtTheEndOfAMessage() {
        Compressor c = new Compressor(false);
        int n = c.compress(bytes("Hel"), 0, 3, false);
        byte[] first = Arrays.copyOf(c.output(), n);
        assertArrayEquals(hex("00 00 ff ff"), Arrays.copyOfRange(first, n - 4, n));
        n = c.compress(bytes("lo"), 0, 2, true);
        byte[] last = Arrays.copyOf(c.output(), n);
        assertTrue(n < 4 || !Arrays.equals(hex("00 00 ff ff"), Arrays.copyOfRange(last, n - 4, n)));
        c.close();
    }
}
