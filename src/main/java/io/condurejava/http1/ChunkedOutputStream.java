package io.condurejava.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Chunked transfer coding for a response body (RFC 9112 §7.1): every non-empty write becomes one
 * chunk ({@code <lowercase hex size>\r\n<data>\r\n}); {@link #finish()} writes the last chunk
 * {@code 0\r\n\r\n}. Small chunks are assembled in one buffer so each costs a single write on the
 * underlying stream. close() neither finishes the body nor closes the underlying stream (an
 * aborted response must not look complete). Used by one thread at a time (the session's).
 */
public final class ChunkedOutputStream extends OutputStream {
    /** Chunks up to this many data bytes are written to the underlying stream in one call. */
    static final int COALESCE_MAX_BYTES = 16 * 1024;
    private static final int FRAMING_MAX_BYTES = 16 + 2 + 2; // hex size, CRLF, CRLF
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private byte[] scratch;
    private boolean finished;

    public ChunkedOutputStream(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Writes b[off, off+len) as one chunk; nothing for len 0 (a zero-size chunk would end the body). */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("chunked body already finished");
        }
        if (len == 0) {
            return;
        }
        if (len <= COALESCE_MAX_BYTES) {
            if (scratch == null) {
                scratch = new byte[COALESCE_MAX_BYTES + FRAMING_MAX_BYTES];
            }
            int n = putSizeLine(scratch, len);
            System.arraycopy(b, off, scratch, n, len);
            n += len;
            scratch[n++] = '\r';
            scratch[n++] = '\n';
            out.write(scratch, 0, n);
        } else {
            byte[] line = new byte[FRAMING_MAX_BYTES];
            out.write(line, 0, putSizeLine(line, len));
            out.write(b, off, len);
            out.write(LAST_CHUNK, 3, 2);
        }
    }

    /** Writes the last chunk (no trailers); later writes fail. Idempotent. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            out.write(LAST_CHUNK);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Does not finish the body and does not close the underlying stream. */
    @Override
    public void close() {
        // intentionally empty
    }

    private static int putSizeLine(byte[] dst, int size) {
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(size) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            dst[i] = HEX[size & 0xF];
            size >>>= 4;
        }
        dst[digits] = '\r';
        dst[digits + 1] = '\n';
        return digits + 2;
    }
}
