package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static io.condurejava.ws.RawFrames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The permessage-deflate examples of RFC 7692 §7.2.3, written (where zlib makes the same choice) and read byte-exact. */
class Rfc7692ExamplesTest {
    private static final PerMessageDeflate.Negotiated TAKEOVER = new PerMessageDeflate.Negotiated(false, false);
    private static final PerMessageDeflate.Negotiated NO_TAKEOVER = new PerMessageDeflate.Negotiated(true, true);

    /** What our server writes for these text messages. */
    private static byte[] serverWrites(PerMessageDeflate.Negotiated deflate, String... messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageWriter w = new MessageWriter(out, Role.SERVER, deflate)) {
            for (String m : messages) {
                w.writeMessage(true, bytes(m));
            }
        }
        return out.toByteArray();
    }

    /** What our client reads from these server bytes. */
    private static List<Incoming> clientReads(PerMessageDeflate.Negotiated deflate, String hex) throws IOException {
        try (MessageReader r = new MessageReader(new ByteArrayInputStream(hex(hex)), Role.CLIENT, 1 << 20, deflate)) {
            return RawFrames.readAll(r, 1000);
        }
    }

    private static List<Incoming> hellos(int n) {
        return java.util.Collections.nCopies(n, new Incoming.DataPart(true, bytes("Hello"), true));
    }

    @Test
    void helloInOneCompressedBlock() throws IOException {
        assertArrayEquals(hex("c1 07 f2 48 cd c9 c9 07 00"), serverWrites(TAKEOVER, "Hello"));
        assertEquals(hellos(1), clientReads(TAKEOVER, "c1 07 f2 48 cd c9 c9 07 00"));
    }

    @Test
    void sharedSlidingWindowShrinksTheSecondHello() throws IOException {
        String wire = "c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00";
        assertArrayEquals(hex(wire), serverWrites(TAKEOVER, "Hello", "Hello"));
        assertEquals(hellos(2), clientReads(TAKEOVER, wire));
    }

    @Test
    void withoutContextTakeoverEveryHelloIsCompressedAlike() throws IOException {
        String wire = "c1 07 f2 48 cd c9 c9 07 00 c1 07 f2 48 cd c9 c9 07 00";
        assertArrayEquals(hex(wire), serverWrites(NO_TAKEOVER, "Hello", "Hello"));
        assertEquals(hellos(2), clientReads(NO_TAKEOVER, wire));
    }

    @Test
    void receiverWithoutContextTakeoverCannotReadAMessageThatUsesTheWindow() {
        MessageReader r = new MessageReader(new ByteArrayInputStream(hex("c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00")),
                Role.CLIENT, 1 << 20, new PerMessageDeflate.Negotiated(false, true));
        assertEquals(CloseCodes.INVALID_PAYLOAD, RawFrames.failureCode(r), "the context was reset after the first message");
    }

    @Test
    void fragmentedCompressedHello() throws IOException {
        List<Incoming> events = clientReads(TAKEOVER, "41 03 f2 48 cd 80 04 c9 c9 07 00");
        Incoming.DataPart whole = events.stream().map(e -> (Incoming.DataPart) e).reduce(Rfc7692ExamplesTest::join).orElseThrow();
        assertEquals(new Incoming.DataPart(true, bytes("Hello"), true), whole);
        assertEquals(1, events.stream().filter(e -> ((Incoming.DataPart) e).last()).count());
    }

    @Test
    void storedBlockWithoutCompression() throws IOException {
        assertEquals(hellos(1), clientReads(TAKEOVER, "c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00"));
    }

    @Test
    void blockWithBfinalSetThenAFreshStream() throws IOException {
        assertEquals(hellos(2), clientReads(TAKEOVER, "c1 08 f3 48 cd c9 c9 07 00 00 c1 07 f2 48 cd c9 c9 07 00"));
    }

    @Test
    void twoDeflateBlocksInOneMessage() throws IOException {
        assertEquals(hellos(1), clientReads(TAKEOVER, "c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00"));
    }

    private static Incoming.DataPart join(Incoming.DataPart a, Incoming.DataPart b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.data());
        out.writeBytes(b.data());
        return new Incoming.DataPart(a.text(), out.toByteArray(), b.last());
    }
}
