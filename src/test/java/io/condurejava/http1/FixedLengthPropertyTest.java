package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static io.condurejava.http1.Wire.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: a Content-Length body of any size, delivered in random small reads and consumed with
 * random read sizes (single-byte reads, offsets into the caller's array), gives the identical
 * bytes, never hands out a byte past the length, and leaves the pipelined request after it intact;
 * cut short it ends in an EOFException, never in a short body.
 */
class FixedLengthPropertyTest {
    private static final int RUNS = 300;
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void randomReadSizesGiveTheIdenticalBodyAndStopAtTheLength() throws IOException {
        for (int run = 0; run < RUNS; run++) {
            Random r = new Random(7000L + run);
            byte[] body = new byte[r.nextInt(4) == 0 ? r.nextInt(10) : r.nextInt(50_000)];
            r.nextBytes(body);
            byte[] wire = concat(bytes(head(body.length)), body, bytes(NEXT));
            HttpInput in = new HttpInput(new TrickleInputStream(wire, run, 1 + r.nextInt(r.nextBoolean() ? 10 : 9000)),
                    256 + r.nextInt(8000));
            RequestHead head = in.readRequestHead(64);
            assertEquals(new RequestFraming.FixedLength(body.length), RequestFraming.of(head));
            FixedLengthInputStream fixed = new FixedLengthInputStream(in, body.length);
            assertArrayEquals(body, readRandomly(fixed, body.length, r), "run " + run);
            assertEquals(0, fixed.remaining(), "run " + run);
            assertEquals(0, fixed.available(), "run " + run);
            assertEquals(-1, fixed.read(), "stays at EOF, run " + run);
            assertEquals(-1, fixed.read(new byte[5], 1, 3), "stays at EOF, run " + run);
            assertEquals("/next", in.readRequestHead(64).target(), "run " + run);
        }
    }

    @Test
    void aBodyCutShortEndsInEofAfterTheBytesThatCame() throws IOException {
        for (int run = 0; run < RUNS / 3; run++) {
            Random r = new Random(9000L + run);
            byte[] body = new byte[1 + r.nextInt(20_000)];
            r.nextBytes(body);
            int sent = r.nextInt(body.length);
            byte[] wire = concat(bytes(head(body.length)), Arrays.copyOf(body, sent));
            HttpInput in = new HttpInput(new TrickleInputStream(wire, run, 1 + r.nextInt(3000)), 8192);
            in.readRequestHead(64);
            FixedLengthInputStream fixed = new FixedLengthInputStream(in, body.length);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[1 + r.nextInt(4096)];
            assertThrows(java.io.EOFException.class, () -> {
                int n;
                while ((n = fixed.read(buf, 0, buf.length)) >= 0) {
                    got.write(buf, 0, n);
                }
            }, "run " + run);
            assertArrayEquals(Arrays.copyOf(body, sent), got.toByteArray(), "run " + run);
            assertEquals(body.length - sent, fixed.remaining(), "run " + run);
        }
    }

    private static String head(int length) {
        return "POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static byte[] readRandomly(FixedLengthInputStream in, long length, Random r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            long before = in.remaining();
            int available = in.available();
            assertTrue(available >= 0 && available <= before, "available " + available + " of " + before);
            if (r.nextInt(10) == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            } else {
                int off = r.nextInt(100);
                int len = r.nextInt(buf.length - off);
                int n = in.read(buf, off, len);
                if (n < 0) {
                    break;
                }
                assertTrue(n <= len && (n > 0 || len == 0), "read(" + len + ") = " + n);
                out.write(buf, off, n);
            }
            assertEquals(length - out.size(), in.remaining(), "remaining() counts what was handed out");
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
