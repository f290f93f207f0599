package io.condurejava.zmq.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FrameDecoder} cutting ZMTP 3.0 frames out of bytes as they arrive, and rejecting bad frames. */
class FrameDecoderTest {

    private static final long LIMIT = 1024 * 1024;

    /** One decoded frame. */
    private record Frame(int flags, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(LIMIT);

    @Test
    void shortFrame() throws Exception {
        feed(bytes(0x00, 0x05, 'h', 'e', 'l', 'l', 'o'));

        assertEquals(1, frames.size());
        assertEquals(0, frames.get(0).flags());
        assertEquals("hello", frames.get(0).text());
    }

    @Test
    void emptyFrame() throws Exception {
        feed(bytes(0x00, 0x00));

        assertEquals(1, frames.size());
        assertEquals(0, frames.get(0).body().length);
    }

    @Test
    void longFrameHasAnEightByteSize() throws Exception {
        byte[] body = pattern(300);
        ByteBuffer wire = ByteBuffer.allocate(9 + body.length);
        wire.put((byte) Frames.LONG).putLong(body.length).put(body).flip();

        decoder.decode(wire, this::collect);

        assertEquals(1, frames.size());
        assertEquals(0, frames.get(0).flags(), "LONG is a wire detail, not passed on");
        assertArrayEquals(body, frames.get(0).body());
        assertFalse(wire.hasRemaining());
    }

    @Test
    void framesWritesWhatTheDecoderReads() throws Exception {
        byte[] small = pattern(255);
        byte[] large = pattern(256);
        ByteBuffer wire = ByteBuffer.allocate(Frames.encodedSize(small.length) + Frames.encodedSize(large.length));
        Frames.put(wire, Frames.MORE, small);
        Frames.put(wire, 0, large);

        assertEquals(0, wire.remaining(), "encodedSize counts every byte");
        assertEquals(Frames.MORE, wire.get(0), "255 bytes still fit a short frame");
        assertEquals(Frames.LONG, wire.get(Frames.encodedSize(small.length)), "256 bytes need a long frame");
        wire.flip();
        decoder.decode(wire, this::collect);

        assertEquals(2, frames.size());
        assertEquals(Frames.MORE, frames.get(0).flags());
        assertArrayEquals(small, frames.get(0).body());
        assertEquals(0, frames.get(1).flags());
        assertArrayEquals(large, frames.get(1).body());
    }

    @Test
    void moreFlagIsKept() throws Exception {
        feed(bytes(Frames.MORE, 0x01, 'a', 0x00, 0x01, 'b'));

        assertEquals(2, frames.size());
        assertEquals(Frames.MORE, frames.get(0).flags());
        assertEquals(0, frames.get(1).flags());
    }

    @Test
    void commandFlagIsKept() throws Exception {
        byte[] ping = bytes(Frames.COMMAND, 0x05, 0x04, 'P', 'I', 'N', 'G');
        feed(ping);

        assertEquals(1, frames.size());
        assertEquals(Frames.COMMAND, frames.get(0).flags());
        assertEquals("\u0004PING", frames.get(0).text());
    }

    @Test
    void oneByteAtATimeGivesTheSameFrames() throws Exception {
        byte[] wire = sampleStream();
        FrameDecoder whole = new FrameDecoder(LIMIT);
        List<Frame> expected = new ArrayList<>();
        whole.decode(ByteBuffer.wrap(wire), (flags, body) -> expected.add(new Frame(flags, body)));

        ByteBuffer in = ByteBuffer.allocate(16); // write mode between decodes, as a peer's read buffer
        for (byte b : wire) {
            in.put(b);
            in.flip();
            assertTrue(decoder.decode(in, this::collect));
            in.compact();
        }

        assertEquals(5, expected.size());
        assertSameFrames(expected, frames);
        assertEquals(0, in.position(), "nothing left over");
    }

    @Test
    void bodyLargerThanTheBufferIsGatheredAcrossBuffers() throws Exception {
        byte[] body = pattern(1000);
        ByteBuffer first = ByteBuffer.allocate(9 + 100);
        first.put((byte) Frames.LONG).putLong(body.length).put(body, 0, 100).flip();

        decoder.decode(first, this::collect);
        assertEquals(0, frames.size());
        assertFalse(first.hasRemaining(), "the partial body was taken out of the buffer");
        decoder.decode(ByteBuffer.wrap(body, 100, 500), this::collect);
        assertEquals(0, frames.size());
        ByteBuffer last = ByteBuffer.allocate(400 + 3);
        last.put(body, 600, 400).put(bytes(0x00, 0x01, 'z')).flip();
        decoder.decode(last, this::collect);

        assertEquals(2, frames.size());
        assertArrayEquals(body, frames.get(0).body());
        assertEquals("z", frames.get(1).text());
    }

    @Test
    void headerSplitAcrossBuffersIsLeftInTheBuffer() throws Exception {
        ByteBuffer in = ByteBuffer.allocate(64);
        in.put(bytes(Frames.LONG, 0, 0, 0)).flip();

        decoder.decode(in, this::collect);

        assertEquals(4, in.remaining(), "an incomplete long header stays for the next read");
        in.compact();
        in.put(bytes(0, 0, 0, 0, 3, 'a', 'b', 'c')).flip();
        decoder.decode(in, this::collect);
        assertEquals(1, frames.size());
        assertEquals("abc", frames.get(0).text());
    }

    @Test
    void sinkCanStopDecoding() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(bytes(0x00, 0x01, 'a', 0x00, 0x01, 'b'));

        boolean open = decoder.decode(in, (flags, body) -> {
            frames.add(new Frame(flags, body));
            return false;
        });

        assertFalse(open);
        assertEquals(1, frames.size());
    }

    @Test
    void reservedFlagBitsAreABadFrame() {
        for (int flags : new int[] {0x08, 0x10, 0x80, 0x08 | Frames.MORE}) {
            FrameDecoder fresh = new FrameDecoder(LIMIT);
            ByteBuffer in = ByteBuffer.wrap(bytes(flags, 0x01, 'x'));

            assertThrows(FrameDecoder.BadFrame.class, () -> fresh.decode(in, this::collect),
                    () -> String.format("flags 0x%02x", flags));
        }
        assertEquals(0, frames.size());
    }

    @Test
    void sizeAboveTheLimitIsABadFrame() {
        ByteBuffer tooLong = ByteBuffer.allocate(9);
        tooLong.put((byte) Frames.LONG).putLong(LIMIT + 1).flip();
        ByteBuffer negative = ByteBuffer.allocate(9);
        negative.put((byte) Frames.LONG).putLong(-1L).flip();
        FrameDecoder tiny = new FrameDecoder(10);

        assertThrows(FrameDecoder.BadFrame.class, () -> decoder.decode(tooLong, this::collect));
        assertThrows(FrameDecoder.BadFrame.class, () -> new FrameDecoder(LIMIT).decode(negative, this::collect));
        assertThrows(FrameDecoder.BadFrame.class,
                () -> tiny.decode(ByteBuffer.wrap(bytes(0x00, 11)), this::collect));
        assertEquals(0, frames.size());
    }

    @Test
    void bodyBiggerThanTheFirstAllocationGrowsAsItArrivesAndComesOutWhole() throws Exception {
        byte[] body = pattern(300 * 1024 + 17); // several doublings past the first 64 KiB
        ByteBuffer header = ByteBuffer.allocate(9);
        header.put((byte) Frames.LONG).putLong(body.length).flip();
        decoder.decode(header, this::collect);
        for (int at = 0; at < body.length; at += 7000) {
            decoder.decode(ByteBuffer.wrap(body, at, Math.min(7000, body.length - at)), this::collect);
        }

        assertEquals(1, frames.size());
        assertArrayEquals(body, frames.get(0).body());
    }

    @Test
    void sizeAtTheLimitIsFine() throws Exception {
        FrameDecoder tiny = new FrameDecoder(10);
        byte[] wire = new byte[12];
        wire[1] = 10;

        tiny.decode(ByteBuffer.wrap(wire), this::collect);

        assertEquals(1, frames.size());
        assertEquals(10, frames.get(0).body().length);
    }

    private boolean collect(int flags, byte[] body) {
        frames.add(new Frame(flags, body));
        return true;
    }

    private void feed(byte[] wire) throws FrameDecoder.BadFrame {
        ByteBuffer in = ByteBuffer.wrap(wire);
        assertTrue(decoder.decode(in, this::collect));
        assertFalse(in.hasRemaining());
    }

    private static byte[] sampleStream() {
        byte[] big = pattern(700);
        ByteBuffer wire = ByteBuffer.allocate(2048);
        Frames.put(wire, Frames.COMMAND, bytes(0x04, 'P', 'I', 'N', 'G', 0, 0));
        Frames.put(wire, Frames.MORE, bytes('f', 'i', 'r', 's', 't'));
        Frames.put(wire, Frames.MORE, new byte[0]);
        Frames.put(wire, 0, big);
        Frames.put(wire, 0, pattern(255));
        wire.flip();
        byte[] out = new byte[wire.remaining()];
        wire.get(out);
        return out;
    }

    private static void assertSameFrames(List<Frame> expected, List<Frame> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).flags(), actual.get(i).flags(), "flags of frame " + i);
            assertArrayEquals(expected.get(i).body(), actual.get(i).body(), "body of frame " + i);
        }
    }

    private static byte[] pattern(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        return body;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
