package io.condurejava.http1;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Decodes a chunked request body (RFC 9112 §7.1) from an {@link HttpInput}; read returns -1 after
 * the last chunk and the trailer section (validated like headers, then discarded). Leaves any
 * following bytes in the HttpInput. close() does not close the connection. Used by the
 * connection's reading thread.
 *
 * <p>State machine: {@code SIZE_LINE} (read {@code chunk-size [chunk-ext] CRLF}; size 0 goes to
 * trailers then {@code DONE}) → {@code DATA} (hand out up to size bytes) → {@code DATA_CRLF}
 * (require CRLF) → {@code SIZE_LINE}. Any violation moves to {@code FAILED}, after which every
 * read throws. Strict: hex digits only (no sign, {@code 0x} or whitespace), no BWS around
 * {@code ;} and {@code =}, at most {@link #MAX_CHUNK_EXTENSION_BYTES} of extensions per chunk, a
 * size line must also fit in the HttpInput's buffer.
 */
public final class ChunkedInputStream extends InputStream {
    /** Upper bound on the chunk-ext part of one size line, in bytes. */
    public static final int MAX_CHUNK_EXTENSION_BYTES = 4096;
    /** Default bound on trailer field lines. */
    public static final int DEFAULT_MAX_TRAILER_FIELDS = 64;
    /** Upper bound on hex digits in a chunk-size (leading zeros included). */
    static final int MAX_CHUNK_SIZE_DIGITS = 64;
    private static final int MAX_SIZE_LINE_BYTES = MAX_CHUNK_SIZE_DIGITS + MAX_CHUNK_EXTENSION_BYTES + 2;

    private enum State { SIZE_LINE, DATA, DATA_CRLF, DONE, FAILED }

    private final HttpInput in;
    private final int maxTrailerBytes;
    private final int maxTrailerFields;
    private State state = State.SIZE_LINE;
    private long remaining;

    /** Trailer section bounded to maxTrailerBytes (CRLFs included) and {@link #DEFAULT_MAX_TRAILER_FIELDS}. */
    public ChunkedInputStream(HttpInput in, int maxTrailerBytes) {
        this(in, maxTrailerBytes, DEFAULT_MAX_TRAILER_FIELDS);
    }

    public ChunkedInputStream(HttpInput in, int maxTrailerBytes, int maxTrailerFields) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxTrailerBytes = maxTrailerBytes;
        this.maxTrailerFields = maxTrailerFields;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                switch (state) {
                    case DONE -> {
                        return -1;
                    }
                    case FAILED -> throw new IOException("chunked body already failed");
                    case SIZE_LINE -> {
                        long size = ChunkLines.readSizeLine(in, MAX_SIZE_LINE_BYTES);
                        if (size == 0) {
                            ChunkLines.readTrailers(in, maxTrailerBytes, maxTrailerFields);
                            state = State.DONE;
                            return -1;
                        }
                        remaining = size;
                        state = State.DATA;
                    }
                    case DATA -> {
                        int n = in.read(b, off, (int) Math.min(len, remaining));
                        if (n < 0) {
                            throw new java.io.EOFException("unexpected EOF in chunk data: " + remaining + " bytes missing");
                        }
                        remaining -= n;
                        if (remaining == 0) {
                            state = State.DATA_CRLF;
                        }
                        return n;
                    }
                    case DATA_CRLF -> {
                        ChunkLines.readDataCrlf(in);
                        state = State.SIZE_LINE;
                    }
                }
            }
        } catch (IOException e) {
            state = State.FAILED;
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        return state == State.DATA ? (int) Math.min(in.available(), remaining) : 0;
    }

    @Override
    public void close() {
        // the connection outlives its bodies
    }
}
