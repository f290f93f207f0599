package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The frame reader waits with a small buffer while its connection is quiet and with the whole one while
 * frames keep coming; frames read the same whichever buffer carried them. The clock is moved by hand.
 */
class FrameReaderQuietBufferTest {
    private final AtomicLong clock = new AtomicLong(5_000_000_000L);

    private static byte[] payload(int len, long seed) {
        byte[] p = new byte[len];
        new Random(seed).nextBytes(p);
        return p;
    }

    private static byte[] encode(List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out, Role.CLIENT);
        for (Frame f : frames) {
            w.write(f);
        }
        return out.toByteArray();
    }

    @Test
    void aNewReaderWaitsWithTheSmallBufferAndABusyOneWithTheWholeBuffer() throws IOException {
        // masked on the wire: 1024 bytes → 1032 with their header, 10 → 16; each arrives on its own
        Frame first = new Frame(true, 0, Opcode.BINARY, payload(1024, 1));
        Frame second = new Frame(true, 0, Opcode.TEXT, payload(10, 2));
        Frame third = new Frame(true, 0, Opcode.BINARY, payload(1024, 3));
        FrameReader r = new FrameReader(new ChunkedInput(encode(List.of(first, second, third)), new int[]{1032, 16, 1032}),
                Role.SERVER, FrameReader.READ_BUFFER_BYTES, clock::get);
        assertEquals(FrameReader.QUIET_BUFFER_BYTES, r.bufferBytes(), "nothing has arrived yet");
        assertEquals(first, r.read(1 << 20));
        clock.addAndGet(1_000_000); // 1 ms later: busy
        assertEquals(second, r.read(1 << 20));
        assertEquals(FrameReader.READ_BUFFER_BYTES, r.bufferBytes(), "bytes arrived just now: the whole buffer");
        clock.addAndGet(FrameReader.QUIET_AFTER_NANOS); // a quiet second
        assertEquals(third, r.read(1 << 20));
        assertEquals(FrameReader.QUIET_BUFFER_BYTES, r.bufferBytes(), "waited after a quiet second: the small buffer");
        assertNull(r.read(1 << 20));
    }

    @Test
    void framesReadTheSameAcrossQuietAndBusySpellsAndAnySplit() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Frame> frames = new ArrayList<>();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                int len = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(20);
                    case 1 -> 100 + random.nextInt(100); // around the small buffer
                    case 2 -> 900 + random.nextInt(300); // around half the whole one and a 1 KiB message
                    default -> 2000 + random.nextInt(5000);
                };
                frames.add(new Frame(true, 0, random.nextBoolean() ? Opcode.BINARY : Opcode.TEXT, payload(len, round * 100L + i)));
            }
            int[] splits = random.ints(16, 1, 3000).toArray();
            FrameReader r = new FrameReader(new ChunkedInput(encode(frames), splits), Role.SERVER,
                    FrameReader.READ_BUFFER_BYTES, clock::get);
            for (Frame f : frames) {
                if (random.nextInt(3) == 0) {
                    clock.addAndGet(FrameReader.QUIET_AFTER_NANOS + random.nextInt(1000));
                } else {
                    clock.addAndGet(random.nextInt(1_000_000));
                }
                assertEquals(f, r.read(1 << 20), "round " + round);
            }
            assertNull(r.read(1 << 20), "round " + round);
        }
    }

    /** Gives its bytes in segments (cycling through the lengths), like a socket's arrivals: no read crosses one. */
    private static final class ChunkedInput extends InputStream {
        private final byte[] data;
        private final int[] segments;
        private int pos;
        private int segment;
        private int leftInSegment;

        ChunkedInput(byte[] data, int[] segments) {
            this.data = data;
            this.segments = segments;
            this.leftInSegment = segments[0];
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos == data.length) {
                return -1;
            }
            if (leftInSegment == 0) {
                segment++;
                leftInSegment = segments[segment % segments.length];
            }
            int n = Math.min(Math.min(len, data.length - pos), leftInSegment);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            leftInSegment -= n;
            return n;
        }
    }
}
