package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static io.condurejava.http1.Wire.bytes;
import static io.condurejava.http1.Wire.text;
import static org.junit.jupiter.api.Assertions.*;

/** Chunk framing of response bodies, byte-exact. */
class ChunkedOutputStreamTest {

    /** Records writes and whether close() reached it. */
    static final class Sink extends ByteArrayOutputStream {
        int writes;
        boolean closed;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void eachWriteIsOneLowercaseHexChunkAndFinishWritesTheLastChunk() throws IOException {
        byte[] a = new byte[8192];
        byte[] b = new byte[3616];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        Sink sink = new Sink();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        out.write(a);
        out.write(a, 0, 8192);
        out.write(b);
        out.finish();
        String expected = "2000\r\n" + text(a) + "\r\n2000\r\n" + text(a) + "\r\ne20\r\n" + text(b) + "\r\n0\r\n\r\n";
        assertEquals(expected, text(sink.toByteArray()));
        assertEquals(4, sink.writes, "one underlying write per small chunk plus the last chunk");
    }

    @Test
    void largeChunkAndSingleByteChunk() throws IOException {
        Sink sink = new Sink();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        byte[] big = new byte[0x1abcd];
        Arrays.fill(big, (byte) 'x');
        out.write(big);
        out.write('!');
        out.finish();
        assertEquals("1abcd\r\n" + text(big) + "\r\n1\r\n!\r\n0\r\n\r\n", text(sink.toByteArray()));
    }

    @Test
    void emptyWriteWritesNothingSoItCannotEndTheBody() throws IOException {
        Sink sink = new Sink();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        out.write(new byte[0]);
        out.write(bytes("abc"), 1, 0);
        assertEquals(0, sink.size());
    }

    @Test
    void finishIsIdempotentAndWritesAfterItFail() throws IOException {
        Sink sink = new Sink();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        out.finish();
        out.finish();
        assertEquals("0\r\n\r\n", text(sink.toByteArray()));
        assertThrows(IOException.class, () -> out.write(bytes("x")));
    }

    @Test
    void closeNeitherFinishesNorClosesTheUnderlyingStream() throws IOException {
        Sink sink = new Sink();
        ChunkedOutputStream out = new ChunkedOutputStream(sink);
        out.write(bytes("hi"));
        out.close();
        assertFalse(sink.closed);
        assertEquals("2\r\nhi\r\n", text(sink.toByteArray()));
    }
}
