package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HttpInput#awaitBytes}: how the thread that read an upgrade request waits for the client's first
 * bytes. Bytes already buffered answer at once; otherwise one read into a buffer of at most the idle size,
 * whose bytes are then read first; false at the end of the stream.
 */
class HttpInputAwaitBytesTest {

    @Test
    void bytesThatCameWithTheHeadAnswerWithoutAnotherRead() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        HttpInput input = new HttpInput(counting("GET /ws HTTP/1.1\r\nHost: a\r\n\r\nFRAME", reads), 8192);
        input.readRequestHead(64);
        int readsForTheHead = reads.get();
        assertTrue(input.awaitBytes());
        assertEquals(readsForTheHead, reads.get(), "no read: the bytes were buffered");
        assertEquals(5, input.buffered());
    }

    @Test
    void waitsWithTheIdleSizedBufferAndTheBytesComeFirst() throws IOException {
        String bigHead = "GET /ws HTTP/1.1\r\nHost: a\r\nX-Pad: " + "p".repeat(600) + "\r\n\r\n";
        byte[] head = bigHead.getBytes(StandardCharsets.US_ASCII);
        byte[] after = "NEXT-BYTES".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new InputStream() { // the head, then what follows, each as its own read (as on a socket)
            private final ByteArrayInputStream first = new ByteArrayInputStream(head);
            private final ByteArrayInputStream second = new ByteArrayInputStream(after);

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return first.available() > 0 ? first.read(b, off, len) : second.read(b, off, len);
            }
        };
        HttpInput input = new HttpInput(in, 8192);
        input.readRequestHead(64);
        assertTrue(input.buf.length > HttpInput.IDLE_BUFFER_BYTES, "the long head grew the buffer");
        assertTrue(input.awaitBytes());
        assertEquals(HttpInput.IDLE_BUFFER_BYTES, input.buf.length, "the wait held the idle-sized buffer");
        input.stopBuffering();
        byte[] got = new byte[after.length];
        assertEquals(after.length, input.read(got, 0, got.length));
        assertArrayEquals(after, got);
        assertEquals(0, input.buf.length, "drained after stopBuffering: the buffer is gone");
    }

    @Test
    void falseAtTheEndOfTheStream() throws IOException {
        HttpInput input = new HttpInput(new ByteArrayInputStream("GET /ws HTTP/1.1\r\nHost: a\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)), 8192);
        input.readRequestHead(64);
        assertFalse(input.awaitBytes());
        assertEquals(0, input.buffered());
    }

    private static InputStream counting(String wire, AtomicInteger reads) {
        return new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, len);
            }
        };
    }
}
