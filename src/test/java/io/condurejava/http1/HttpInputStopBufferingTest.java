package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * After an upgrade the input stops buffering: bytes that arrived with the head are still read first, in
 * order, then the buffer is let go and reads go straight to the stream; no head can be read any more.
 */
class HttpInputStopBufferingTest {

    @Test
    void bytesBufferedWithTheHeadComeFirstThenTheBufferGoes() throws IOException {
        byte[] wire = ("GET /ws HTTP/1.1\r\nHost: a\r\n\r\nFIRST-FRAME" + "REST-OF-STREAM").getBytes(StandardCharsets.US_ASCII);
        HttpInput input = new HttpInput(new ByteArrayInputStream(wire), 8192);
        assertEquals("/ws", input.readRequestHead(64).target());
        assertEquals(25, input.buffered(), "what followed the head arrived in the same read");

        input.stopBuffering();
        byte[] first = new byte[11];
        assertEquals(11, input.read(first, 0, first.length));
        assertArrayEquals("FIRST-FRAME".getBytes(StandardCharsets.US_ASCII), first);
        assertEquals(14, input.buffered(), "the rest stays buffered until read");
        assertEquals('R', input.read());
        byte[] rest = new byte[13];
        assertEquals(13, input.read(rest, 0, rest.length));
        assertArrayEquals("EST-OF-STREAM".getBytes(StandardCharsets.US_ASCII), rest);
        assertEquals(0, input.buf.length, "drained: the buffer is gone");
        assertEquals(-1, input.read(), "then reads go to the stream, which has ended");
        assertThrows(IllegalStateException.class, () -> input.readRequestHead(64));
    }

    @Test
    void anEmptyInputLetsItsBufferGoAtOnce() throws IOException {
        HttpInput input = new HttpInput(new ByteArrayInputStream("GET / HTTP/1.1\r\nHost: a\r\n\r\nxyz".getBytes(StandardCharsets.US_ASCII)), 8192);
        input.readRequestHead(64);
        byte[] three = new byte[3];
        assertEquals(3, input.read(three, 0, 3));
        input.stopBuffering();
        assertEquals(0, input.buf.length);
        assertEquals(-1, input.read(three, 0, 3));
    }
}
