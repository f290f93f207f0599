package io.condurejava.ws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** FrameWriter → FrameReader round trips across the length encodings, both roles, all opcodes and RSV values. */
class FrameCodecRoundTripTest {
    private static final int SIXTEEN_MIB = 16 << 20;

    private static byte[] payload(int len, long seed) {
        byte[] p = new byte[len];
        new Random(seed).nextBytes(p);
        return p;
    }

    private static byte[] encode(Role writerRole, Frame... frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out, writerRole);
        for (Frame f : frames) {
            w.write(f);
        }
        return out.toByteArray();
    }

    private static Role peer(Role r) {
        return r == Role.SERVER ? Role.CLIENT : Role.SERVER;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 125, 126, 127, 8191, 8192, 65535, 65536, 65537, 1 << 20, SIXTEEN_MIB})
    void everyLengthRoundTripsInBothRoles(int len) throws IOException {
        byte[] p = payload(len, len);
        for (Role writer : Role.values()) {
            Frame f = new Frame(true, 0, Opcode.BINARY, p);
            byte[] wire = encode(writer, f);
            int lengthBytes = len < 126 ? 0 : len <= 0xFFFF ? 2 : 8;
            int maskBytes = writer == Role.CLIENT ? 4 : 0;
            assertEquals(2 + lengthBytes + maskBytes + len, wire.length);
            FrameReader r = new FrameReader(new ByteArrayInputStream(wire), peer(writer));
            assertEquals(f, r.read(Integer.MAX_VALUE));
            assertNull(r.read(Integer.MAX_VALUE), "clean end of stream after the frame");
        }
    }

    @Test
    void clientFramesAreMaskedWithFreshKeys() throws IOException {
        byte[] p = new byte[64];
        byte[] a = encode(Role.CLIENT, new Frame(true, 0, Opcode.BINARY, p));
        byte[] b = encode(Role.CLIENT, new Frame(true, 0, Opcode.BINARY, p));
        assertEquals(0x80, a[1] & 0x80);
        // zero payload shows the key stream: two frames with the same key would be a 2^-32 accident
        assertEquals(false, Arrays.equals(a, b));
    }

    @Test
    void everyOpcodeRsvAndFinCombinationRoundTrips() throws IOException {
        int[] opcodes = {Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY, Opcode.CLOSE, Opcode.PING, Opcode.PONG};
        for (int opcode : opcodes) {
            for (int rsv = 0; rsv < 8; rsv++) {
                for (boolean fin : new boolean[]{true, false}) {
                    if (Opcode.isControl(opcode) && !fin) {
                        continue;
                    }
                    Frame f = new Frame(fin, rsv, opcode, payload(30, opcode * 8 + rsv));
                    FrameReader r = new FrameReader(new ByteArrayInputStream(encode(Role.CLIENT, f)), Role.SERVER);
                    assertEquals(f, r.read(1000));
                }
            }
        }
    }

    @Test
    void headersAndPayloadsSplitAcrossOneByteReads() throws IOException {
        Frame[] frames = new Frame[40];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new Frame(i % 3 == 0, 0, Opcode.BINARY, payload(i * 17 + (i == 39 ? 70000 : 0), i));
        }
        byte[] wire = encode(Role.CLIENT, frames);
        FrameReader r = new FrameReader(new OneByteAtATime(wire), Role.SERVER, 20);
        for (Frame f : frames) {
            assertEquals(f, r.read(Integer.MAX_VALUE));
        }
        assertNull(r.read(10));
    }

    @Test
    void payloadReadInOddPiecesUnmasksCorrectly() throws IOException {
        byte[] p = payload(100_000, 3);
        byte[] wire = encode(Role.CLIENT, new Frame(true, 0, Opcode.BINARY, p));
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire), Role.SERVER, 1000);
        FrameHeader h = r.readHeader();
        assertEquals(new FrameHeader(true, 0, Opcode.BINARY, true, p.length), h);
        byte[] got = new byte[p.length];
        int done = 0;
        Random rnd = new Random(5);
        while (r.payloadRemaining() > 0) {
            int want = (int) Math.min(r.payloadRemaining(), 1 + rnd.nextInt(3000));
            done += r.readPayload(got, done, want);
        }
        assertEquals(p.length, done);
        assertArrayEquals(p, got);
    }

    @Test
    void nonMinimalLengthEncodingsAreTolerated() throws IOException {
        byte[] p = RawFrames.bytes("abc");
        for (int lengthBytes : new int[]{2, 8}) {
            byte[] wire = new RawFrames().frame(true, 0, Opcode.TEXT, true, p, lengthBytes).bytes();
            assertEquals(new Frame(true, 0, Opcode.TEXT, p), new FrameReader(new ByteArrayInputStream(wire), Role.SERVER).read(10));
        }
    }

    @Test
    void endOfStreamInsideAFrameIsAnEofException() {
        byte[] wire = new RawFrames().text(true, "Hello").bytes();
        for (int cut = 1; cut < wire.length; cut++) {
            FrameReader r = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(wire, cut)), Role.SERVER);
            assertThrows(java.io.EOFException.class, () -> r.read(100), "cut at " + cut);
        }
    }

    @Test
    void readRefusesAFrameLargerThanItsLimitBeforeReadingIt() {
        byte[] wire = new RawFrames().frame(true, 0, Opcode.BINARY, new byte[200]).bytes();
        FrameReader r = new FrameReader(new ByteArrayInputStream(wire), Role.SERVER);
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class, () -> r.read(199));
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, e.closeCode());
    }

    @Test
    void writerRefusesOversizedOrFragmentedControlFrames() {
        FrameWriter w = new FrameWriter(new ByteArrayOutputStream(), Role.SERVER);
        assertThrows(IllegalArgumentException.class, () -> w.write(true, 0, Opcode.PING, new byte[126], 0, 126));
        assertThrows(IllegalArgumentException.class, () -> w.write(false, 0, Opcode.PING, new byte[1], 0, 1));
    }

    /** Returns one byte per read call, like a slow network. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int pos;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
