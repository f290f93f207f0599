package io.condurejava.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static io.condurejava.http1.Wire.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: any body, split into chunks of random sizes with random (valid) extensions, hex case
 * and leading zeros, optional trailers, delivered in random small reads and consumed with random
 * read sizes, decodes to the identical body and leaves the following request untouched.
 */
class ChunkedDecodingPropertyTest {
    private static final int RUNS = 300;
    private static final String HEAD = "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void randomChunkingDecodesToTheSameBody() throws IOException {
        for (int run = 0; run < RUNS; run++) {
            Random r = new Random(1000L + run);
            byte[] body = new byte[r.nextInt(4) == 0 ? r.nextInt(10) : r.nextInt(20_000)];
            r.nextBytes(body);
            byte[] wire = encode(body, r);
            int bufferSize = 256 + r.nextInt(8000);
            HttpInput in = new HttpInput(new TrickleInputStream(wire, run, 1 + r.nextInt(40)), bufferSize);
            RequestHead head = in.readRequestHead(64);
            InputStream chunked = new ChunkedInputStream(in, 1024, 16);
            assertEquals(new RequestFraming.Chunked(), RequestFraming.of(head));
            assertArrayEquals(body, readRandomly(chunked, r), "run " + run);
            assertEquals(-1, chunked.read(), "stays at EOF, run " + run);
            assertEquals("/next", in.readRequestHead(64).target(), "run " + run);
        }
    }

    @Test
    void chunkedOutputStreamRoundTripsThroughChunkedInputStream() throws IOException {
        Random r = new Random(42);
        for (int run = 0; run < 50; run++) {
            byte[] body = new byte[r.nextInt(100_000)];
            r.nextBytes(body);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(bytes(HEAD));
            ChunkedOutputStream out = new ChunkedOutputStream(wire);
            for (int off = 0; off < body.length; ) {
                int n = Math.min(body.length - off, r.nextInt(40_000));
                out.write(body, off, n);
                off += n;
            }
            out.finish();
            HttpInput in = new HttpInput(new TrickleInputStream(wire.toByteArray(), run, 5000), 8192);
            in.readRequestHead(64);
            assertArrayEquals(body, Wire.readAll(new ChunkedInputStream(in, 1024)), "run " + run);
        }
    }

    private static byte[] encode(byte[] body, Random r) {
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        w.writeBytes(bytes(HEAD));
        int off = 0;
        while (off < body.length) {
            int n = Math.min(body.length - off, 1 + r.nextInt(r.nextBoolean() ? 16 : 3000));
            w.writeBytes(bytes(sizeLine(n, r)));
            w.write(body, off, n);
            w.writeBytes(bytes("\r\n"));
            off += n;
        }
        w.writeBytes(bytes(sizeLine(0, r)));
        int trailers = r.nextInt(3);
        for (int i = 0; i < trailers; i++) {
            w.writeBytes(bytes("Trailer-" + i + ": \tvalue " + r.nextInt() + "\r\n"));
        }
        w.writeBytes(bytes("\r\n" + NEXT));
        return w.toByteArray();
    }

    private static String sizeLine(int n, Random r) {
        String hex = Integer.toHexString(n);
        if (r.nextBoolean()) {
            hex = hex.toUpperCase();
        }
        StringBuilder sb = new StringBuilder("0".repeat(r.nextInt(3))).append(hex);
        int extensions = r.nextInt(4);
        for (int i = 0; i < extensions; i++) {
            sb.append(';').append("ext").append(i);
            switch (r.nextInt(3)) {
                case 0 -> { }
                case 1 -> sb.append('=').append("tok~").append(r.nextInt(1000));
                default -> sb.append("=\"q \\\" ").append(r.nextInt(1000)).append("\\\\\"");
            }
        }
        return sb.append("\r\n").toString();
    }

    private static byte[] readRandomly(InputStream in, Random r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (true) {
            if (r.nextInt(20) == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                continue;
            }
            int n = in.read(buf, 0, 1 + r.nextInt(buf.length));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
