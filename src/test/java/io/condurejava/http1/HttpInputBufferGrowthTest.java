package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The input buffer starts small and doubles as a head needs it, up to --buffer-size: a 600-byte head leaves a
 * 1 KiB buffer, not an 8 KiB one; a head that does not fit the whole buffer size is still refused, and the next
 * wait for a request holds the small buffer again.
 */
class HttpInputBufferGrowthTest {

    @Test
    void aLargerHeadDoublesTheBufferOnlyAsFarAsItNeeds() throws IOException {
        String head = "GET /page HTTP/1.1\r\nHost: example.com\r\nUser-Agent: " + "b".repeat(540) + "\r\n\r\n";
        HttpInput input = new HttpInput(new ByteArrayInputStream((head + head).getBytes(StandardCharsets.US_ASCII)), 8192);
        assertEquals(HttpInput.IDLE_BUFFER_BYTES, input.buf.length, "a new connection waits with the small buffer");
        assertEquals("/page", input.readRequestHead(64).target());
        assertEquals(1024, input.buf.length, "256 -> 512 -> 1024 for about 600 bytes");
        assertEquals("/page", input.readRequestHead(64).target(), "the pipelined second head");
        assertNull(input.readRequestHead(64), "end of input");
        assertEquals(HttpInput.IDLE_BUFFER_BYTES, input.buf.length, "drained: back to the small buffer for the next wait");
    }

    @Test
    void aHeadLargerThanTheBufferSizeIsStillRefused() {
        String head = "GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + "c".repeat(1200) + "\r\n\r\n";
        HttpInput input = new HttpInput(new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)), 1000);
        HttpViolationException e = assertThrows(HttpViolationException.class, () -> input.readRequestHead(64));
        assertEquals(Violation.HEAD_TOO_LARGE, e.violation());
        assertEquals(1000, input.buf.length, "grown to the buffer size exactly, not past it");
    }
}
