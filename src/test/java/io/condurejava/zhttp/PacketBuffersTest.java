package io.condurejava.zhttp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoder buffers used again ({@link PacketBuffers}): sizes, what is kept, and that the encoder takes its buffer
 * from there and gives it back only through {@link EncodedPacket#recycle} or when it copied the bytes out.
 */
class PacketBuffersTest {

    @Test
    void buffersComeInPowerOfTwoClassesAndLargeOnesAreExact() {
        assertEquals(512, PacketBuffers.take(1).length);
        assertEquals(512, PacketBuffers.take(512).length);
        assertEquals(1024, PacketBuffers.take(513).length);
        assertEquals(65536, PacketBuffers.take(65536).length);
        assertEquals(65537, PacketBuffers.take(65537).length, "beyond the largest class: exact and never kept");
    }

    @Test
    void aGivenBufferIsTakenAgainAndOddSizesAreNotKept() {
        emptyClass(2048);
        byte[] b = new byte[2048];
        PacketBuffers.give(b);
        assertEquals(1, PacketBuffers.kept(2048));
        assertSame(b, PacketBuffers.take(1500));
        assertEquals(0, PacketBuffers.kept(2048));

        emptyClass(1024);
        PacketBuffers.give(new byte[1000]);
        PacketBuffers.give(new byte[1 << 17]);
        assertEquals(0, PacketBuffers.kept(1024), "not a class size");
    }

    @Test
    void aClassKeepsAtMostItsSlots() {
        emptyClass(4096);
        for (int i = 0; i < PacketBuffers.MAX_SLOTS + 5; i++) {
            PacketBuffers.give(new byte[4096]);
        }
        assertEquals(PacketBuffers.MAX_SLOTS, PacketBuffers.kept(4096));
        emptyClass(4096);
        for (int i = 0; i < PacketBuffers.MAX_SLOTS; i++) {
            PacketBuffers.give(new byte[65536]);
        }
        assertEquals(PacketBuffers.CLASS_BYTES / 65536, PacketBuffers.kept(65536), "large classes keep fewer");
        emptyClass(65536);
    }

    @Test
    void aRecycledPacketsBufferCarriesTheNextPacket() throws Exception {
        EncodedPacket first = ZhttpCodec.encodeInPlace(packet("first", 100));
        assertTrue(first.recyclable());
        emptyClass(first.bytes().length);
        byte[] firstWire = Arrays.copyOfRange(first.bytes(), first.offset(), first.offset() + first.length());
        EncodedPacket notYet = ZhttpCodec.encodeInPlace(packet("second", 100));
        assertNotSame(first.bytes(), notYet.bytes(), "until recycled, a buffer is nobody else's");
        assertArrayEquals(firstWire, Arrays.copyOfRange(first.bytes(), first.offset(), first.offset() + first.length()));

        first.recycle();
        EncodedPacket second = ZhttpCodec.encodeInPlace(packet("third", 100));
        assertSame(first.bytes(), second.bytes());
        ZhttpPacket decoded = ZhttpCodec.decode(second.bytes(), second.offset(), second.length());
        assertEquals("third", decoded.ids().get(0).id());
    }

    @Test
    void aGrowingWriterGivesBackWhatItOutgrew() {
        emptyClass(512);
        emptyClass(1024);
        TnetWriter w = new TnetWriter(0);
        w.begin();
        w.string("x".repeat(700).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        EncodedPacket p = w.finishInPlace(TnetReader.LIST, (byte) 'T');
        assertEquals(1024, p.bytes().length);
        assertEquals(1, PacketBuffers.kept(512), "the 512-byte buffer it started with went back");
        assertEquals('T', p.bytes()[p.offset()]);
        assertEquals(']', p.bytes()[p.offset() + p.length() - 1]);
    }

    @Test
    void encodeKeepsAnExactBufferAndRecyclesACopiedOne() throws Exception {
        int size = ZhttpCodec.encodeInPlace(packet("probe", 100)).bytes().length;
        emptyClass(size);
        byte[] exact = ZhttpCodec.encode(packet("copied", 100));
        assertTrue(exact.length < size);
        assertEquals(1, PacketBuffers.kept(size), "the encoder's buffer went back once the bytes were copied out");
        emptyClass(size);
        assertFalse(new EncodedPacket(new byte[size], 0, size).recyclable(), "bytes from elsewhere are never kept");
        new EncodedPacket(new byte[size], 0, size).recycle();
        assertEquals(0, PacketBuffers.kept(size));
    }

    private static ZhttpPacket packet(String id, int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        Arrays.fill(body, (byte) 'b');
        return ZhttpPacket.of(null, id, 1, false, Data.body(body, true));
    }

    /** Takes every kept buffer of the class of {@code size} (other tests in this JVM may have left some). */
    private static void emptyClass(int size) {
        while (PacketBuffers.kept(size) > 0) {
            PacketBuffers.take(size);
        }
    }
}
