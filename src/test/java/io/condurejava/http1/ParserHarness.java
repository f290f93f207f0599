package io.condurejava.http1;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fuzz target's invariants for one input: runs every pipelined request (head, framing, body
 * to EOF) through the codec and checks that it only ever ends cleanly, with a violation or with an
 * EOF (never a RuntimeException, never without progress), that each body uses exactly the bytes
 * its framing allows, that every parsed head round-trips through a canonical re-serialization, and
 * that delivering the same bytes in tiny random reads gives the same transcript. Single thread.
 */
final class ParserHarness {
    static final int BUFFER_BYTES = 8192;
    static final int MAX_HEADERS = 64;
    static final int TRAILER_BYTES = 4096;
    static final int TRAILER_FIELDS = 16;
    /** The small buffer is this many bytes plus the input length modulo {@link #SMALL_BUFFER_SPREAD_BYTES}. */
    private static final int SMALL_BUFFER_MIN_BYTES = 24;
    private static final int SMALL_BUFFER_SPREAD_BYTES = 233;
    /** Largest single read the trickling source hands out, in bytes. */
    private static final int TRICKLE_MAX_READ_BYTES = 7;

    /** One request as the codec saw it; offsets count bytes of the input consumed by then. */
    record Exchange(RequestHead head, RequestFraming framing, String body, long headEnd, long bodyEnd) {
    }

    /** Everything the codec did with one input: the requests it parsed and how it stopped. */
    record Transcript(List<Exchange> exchanges, String end) {
    }

    private ParserHarness() {
    }

    /**
     * Checks every invariant on {@code data}, with the real buffer size and with a small one derived
     * from the input's length (so that lines and bodies cross buffer boundaries and the "does not
     * fit" rules are reached by short inputs); throws AssertionError (or the codec's RuntimeException).
     */
    static void check(byte[] data) {
        checkWithBuffer(data, BUFFER_BYTES);
        checkWithBuffer(data, SMALL_BUFFER_MIN_BYTES + data.length % SMALL_BUFFER_SPREAD_BYTES);
    }

    private static void checkWithBuffer(byte[] data, int bufferBytes) {
        Transcript whole = run(new ByteArrayInputStream(data), bufferBytes, data, new Random(data.length));
        Transcript trickled = run(new TrickleInputStream(data, Arrays.hashCode(data), TRICKLE_MAX_READ_BYTES),
                bufferBytes, data, new Random(~data.length));
        assertEquals(whole, trickled, "same bytes in small reads must give the same transcript, buffer " + bufferBytes);
        long start = 0;
        for (Exchange x : whole.exchanges()) {
            checkHeadBytes(data, start, x.headEnd());
            checkRoundTrip(x);
            checkBodyBytes(data, x);
            start = x.bodyEnd();
        }
    }

    /** Parses requests from {@code source} (which delivers {@code data}) until EOF or a failure. */
    static Transcript run(InputStream source, int bufferBytes, byte[] data, Random reads) {
        CountingInputStream counted = new CountingInputStream(source);
        HttpInput in = new HttpInput(counted, bufferBytes);
        List<Exchange> exchanges = new ArrayList<>();
        long steps = 0;
        long maxSteps = 2L * data.length + 16;
        try {
            while (true) {
                if (++steps > maxSteps) {
                    fail("no progress after " + steps + " requests");
                }
                RequestHead head = in.readRequestHead(MAX_HEADERS);
                if (head == null) {
                    assertEquals(data.length, counted.count, "clean EOF before all bytes were read");
                    return new Transcript(exchanges, "eof");
                }
                long headEnd = counted.count - in.buffered();
                RequestFraming framing = RequestFraming.of(head);
                String body = Wire.text(readBody(openBody(in, framing), data.length, reads));
                exchanges.add(new Exchange(head, framing, body, headEnd, counted.count - in.buffered()));
            }
        } catch (HttpViolationException e) {
            return new Transcript(exchanges, "violation " + e.violation());
        } catch (EOFException e) {
            return new Transcript(exchanges, "truncated");
        } catch (IOException e) {
            throw new AssertionError("IOException other than a violation or EOF", e);
        }
    }

    private static InputStream openBody(HttpInput in, RequestFraming framing) {
        return switch (framing) {
            case RequestFraming.NoBody none -> null;
            case RequestFraming.FixedLength fixed -> new FixedLengthInputStream(in, fixed.length());
            case RequestFraming.Chunked chunked -> new ChunkedInputStream(in, TRAILER_BYTES, TRAILER_FIELDS);
        };
    }

    /** Reads a body to EOF with read sizes drawn from {@code reads}, checking each read makes progress. */
    private static byte[] readBody(InputStream body, int maxBytes, Random reads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (body == null) {
            return out.toByteArray();
        }
        byte[] buf = new byte[4096];
        while (true) {
            int available = body.available();
            assertTrue(available >= 0 && available <= maxBytes, "available() = " + available);
            if (reads.nextInt(8) == 0) {
                int b = body.read();
                if (b < 0) {
                    break;
                }
                assertTrue(b <= 0xFF, "read() = " + b);
                out.write(b);
            } else {
                int len = 1 + reads.nextInt(reads.nextBoolean() ? 16 : buf.length);
                int n = body.read(buf, 0, len);
                if (n < 0) {
                    break;
                }
                assertTrue(n > 0 && n <= len, "read(" + len + ") = " + n);
                out.write(buf, 0, n);
            }
            assertTrue(out.size() <= maxBytes, "body longer than the input");
        }
        assertEquals(-1, body.read(), "stays at EOF");
        return out.toByteArray();
    }

    /** The head occupies data[start, headEnd): at most one leading CRLF, and it ends with an empty line. */
    private static void checkHeadBytes(byte[] data, long start, long headEnd) {
        int end = Math.toIntExact(headEnd);
        assertTrue(end - start >= 4 && end <= data.length, "head bounds " + start + ".." + end);
        assertEquals("\r\n\r\n", Wire.text(Arrays.copyOfRange(data, end - 4, end)), "head must end with CRLF CRLF");
        int from = Math.toIntExact(start);
        if (data[from] == '\r') {
            from += 2;
        }
        assertTrue(data[from] != '\r' && data[from] != '\n', "at most one empty line before a request");
    }

    /** Canonical re-serialization parses to the same head and framing. */
    private static void checkRoundTrip(Exchange x) {
        RequestHead head = x.head();
        StringBuilder sb = new StringBuilder(head.method()).append(' ').append(head.target()).append(' ')
                .append(head.version().text()).append("\r\n");
        for (HttpHeader h : head.headers()) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        sb.append("\r\n");
        try {
            RequestHead again = new HttpInput(Wire.whole(sb.toString()), 2 * BUFFER_BYTES).readRequestHead(MAX_HEADERS);
            assertEquals(head, again, "re-serialized head parses differently");
            assertEquals(x.framing(), RequestFraming.of(again), "re-serialized head frames differently");
        } catch (IOException e) {
            throw new AssertionError("re-serialized head is rejected: " + Ascii.show(Wire.bytes(sb.toString()), 0, sb.length()), e);
        }
    }

    /** The body used exactly the bytes its framing allows, and they decode to what the codec returned. */
    private static void checkBodyBytes(byte[] data, Exchange x) {
        int from = Math.toIntExact(x.headEnd());
        int to = Math.toIntExact(x.bodyEnd());
        assertTrue(from <= to && to <= data.length, "body bounds " + from + ".." + to);
        byte[] raw = Arrays.copyOfRange(data, from, to);
        switch (x.framing()) {
            case RequestFraming.NoBody none -> assertEquals(0, raw.length, "no body consumes no bytes");
            case RequestFraming.FixedLength fixed -> {
                assertEquals(fixed.length(), raw.length, "Content-Length body consumed");
                assertEquals(Wire.text(raw), x.body());
            }
            case RequestFraming.Chunked chunked -> {
                ByteArrayOutputStream decoded = new ByteArrayOutputStream();
                assertEquals(raw.length, ReferenceChunked.decode(raw, decoded), "chunked body consumed");
                assertArrayEquals(decoded.toByteArray(), Wire.bytes(x.body()), "chunked body decoded");
            }
        }
    }

    /** Counts the bytes handed out by the wrapped stream; single thread. */
    private static final class CountingInputStream extends InputStream {
        private final InputStream in;
        long count;

        CountingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
