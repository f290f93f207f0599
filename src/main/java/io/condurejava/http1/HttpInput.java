package io.condurejava.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Buffered reader over a connection's InputStream: parses request heads in place from its buffer
 * and keeps the bytes read past a head for the body readers (and for pipelined requests). Used
 * by one thread at a time (the connection's reading thread).
 *
 * <p>Head parsing works line by line as bytes arrive, so a bad request-line is rejected before
 * the rest of the head is read. The whole head (including one tolerated leading empty line,
 * RFC 9112 §2.2) must fit in {@code bufferSize} bytes: a request-line that does not fit is
 * {@link Violation#REQUEST_LINE_TOO_LONG} (414), a header section that does not fit
 * {@link Violation#HEAD_TOO_LARGE} (431).
 */
public final class HttpInput extends InputStream {
    /** The buffer held while a connection waits for its next request: a short head (a load tool's GET, a
     *  WebSocket client's upgrade) fits, and an idle connection holds this much instead of a whole --buffer-size. */
    static final int IDLE_BUFFER_BYTES = 256;

    private final InputStream in;
    /** The most this input buffers (--buffer-size): a head must fit in it. */
    private final int capacity;
    /** Doubles from {@link #IDLE_BUFFER_BYTES} up to {@code capacity} as a head or line needs it. */
    byte[] buf;
    private static final byte[] NO_BYTES = new byte[0];
    /** Set by {@link #stopBuffering()}. */
    private boolean unbuffered;
    /** Next unread byte in buf. */
    int pos;
    /** End of valid bytes in buf. */
    int limit;

    public HttpInput(InputStream in, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.in = Objects.requireNonNull(in, "in");
        this.capacity = bufferSize;
        this.buf = new byte[Math.min(bufferSize, IDLE_BUFFER_BYTES)];
    }

    /**
     * Doubles a full buffer, up to the capacity, keeping every index valid: a browser's 600-byte head costs
     * 256 + 512 + 1024 bytes, not a whole --buffer-size.
     */
    private void growIfFull() {
        if (limit == buf.length && buf.length < capacity) {
            buf = java.util.Arrays.copyOf(buf, (int) Math.min(capacity, buf.length * 2L));
        }
    }

    /**
     * Reads and parses the next request head (request-line, header fields, Host rules).
     *
     * @return the head, or null on a clean EOF before any byte of a new request
     * @throws HttpViolationException on bad or oversized input
     * @throws IOException on I/O error or EOF in the middle of a head
     */
    public RequestHead readRequestHead(int maxHeaders) throws IOException {
        if (unbuffered) {
            throw new IllegalStateException("no request heads after stopBuffering()");
        }
        compact();
        if (pos == limit && buf.length > IDLE_BUFFER_BYTES) {
            buf = new byte[IDLE_BUFFER_BYTES]; // nothing buffered: wait for the next request holding little
            pos = 0;
            limit = 0;
        }
        int requestStart = 0;
        int lineStart = 0;
        int scan = 0;
        RequestLineParser.RequestLine line = null;
        List<HttpHeader> headers = null;
        HttpHeader host = null;
        while (true) {
            int lf = indexOfLf(scan, limit);
            if (lf < 0) {
                scan = limit;
                growIfFull();
                if (limit == buf.length) {
                    throw line == null
                            ? Violation.REQUEST_LINE_TOO_LONG.exception("buffer is " + buf.length + " bytes")
                            : Violation.HEAD_TOO_LARGE.exception("buffer is " + buf.length + " bytes");
                }
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    if (limit == requestStart) {
                        pos = limit;
                        return null;
                    }
                    throw new EOFException("unexpected EOF in request head");
                }
                limit += n;
                continue;
            }
            int end = lf - 1;
            if (end < lineStart || buf[end] != Ascii.CR) {
                throw Violation.BARE_LF.exception(Ascii.show(buf, lineStart, lf));
            }
            scan = lf + 1;
            if (line == null) {
                if (end == lineStart) {
                    if (lineStart != 0) {
                        throw Violation.EMPTY_LINE_BEFORE_REQUEST.exception("");
                    }
                    requestStart = scan;
                } else {
                    line = RequestLineParser.parse(buf, lineStart, end);
                    headers = new ArrayList<>();
                }
            } else if (end == lineStart) {
                pos = scan;
                checkHost(line.version(), host);
                return new RequestHead(line.method(), line.target(), line.version(), headers);
            } else {
                if (headers.size() >= maxHeaders) {
                    throw Violation.TOO_MANY_HEADERS.exception("limit is " + maxHeaders);
                }
                HttpHeader h = FieldLineParser.parse(buf, lineStart, end);
                if (h.is("Host")) {
                    if (host != null) {
                        throw Violation.DUPLICATE_HOST.exception(host.value() + " / " + h.value());
                    }
                    host = h;
                }
                headers.add(h);
            }
            lineStart = scan;
        }
    }

    /** RFC 9112 §3.2: HTTP/1.1 needs exactly one Host; its value is empty or uri-host[:port]. */
    private static void checkHost(HttpVersion version, HttpHeader host) throws HttpViolationException {
        if (host == null) {
            if (version == HttpVersion.HTTP_1_1) {
                throw Violation.MISSING_HOST.exception("");
            }
            return;
        }
        String v = host.value();
        if (!v.isEmpty() && !Authority.isValid(v, 0, v.length(), false)) {
            throw Violation.INVALID_HOST.exception(v);
        }
    }

    /**
     * No more heads will be read here (the connection became a WebSocket): the buffer goes as soon as
     * what it holds has been read, and reads then go straight to the stream, so a long-lived connection
     * does not keep it. Reader thread.
     */
    public void stopBuffering() {
        unbuffered = true;
        dropBufferIfDrained();
    }

    private void dropBufferIfDrained() {
        if (unbuffered && pos == limit && buf.length > 0) {
            buf = NO_BYTES;
            pos = 0;
            limit = 0;
        }
    }

    /**
     * Waits until at least one unread byte is buffered, holding at most {@link #IDLE_BUFFER_BYTES} while it waits;
     * false when the stream ended first. For a thread that must not go further until the client sends.
     */
    public boolean awaitBytes() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (unbuffered) {
            throw new IllegalStateException("awaitBytes() after stopBuffering()");
        }
        pos = 0;
        limit = 0;
        if (buf.length > IDLE_BUFFER_BYTES) {
            buf = new byte[IDLE_BUFFER_BYTES];
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** Bytes already read from the stream and not yet consumed. */
    public int buffered() {
        return limit - pos;
    }

    int bufferSize() {
        return capacity;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && unbuffered) {
            return in.read();
        }
        if (pos == limit) {
            pos = 0;
            limit = 0;
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return -1;
            }
            limit = n;
        }
        return buf[pos++] & 0xFF;
    }

    /** Returns buffered bytes first; when none are buffered reads straight from the stream. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int avail = limit - pos;
        if (avail > 0) {
            int n = Math.min(avail, len);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            dropBufferIfDrained();
            return n;
        }
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return (limit - pos) + in.available();
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Makes sure a whole line (ending in LF) starting at {@code pos} is buffered, reading as needed.
     *
     * @return index of the LF in {@code buf}, or -1 if no LF within min(maxLineBytes, buffer size)
     * @throws EOFException if the stream ends first
     */
    int fillLine(int maxLineBytes, String context) throws IOException {
        int max = Math.min(maxLineBytes, capacity);
        int scan = pos;
        while (true) {
            int stop = Math.min(limit, pos + max);
            for (int i = scan; i < stop; i++) {
                if (buf[i] == Ascii.LF) {
                    return i;
                }
            }
            if (limit - pos >= max) {
                return -1;
            }
            scan = limit;
            if (limit == buf.length) {
                scan -= pos;
                compact();
                growIfFull();
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                throw new EOFException("unexpected EOF in " + context);
            }
            limit += n;
        }
    }

    private int indexOfLf(int from, int to) {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            if (b[i] == Ascii.LF) {
                return i;
            }
        }
        return -1;
    }

    private void compact() {
        if (pos > 0) {
            int n = limit - pos;
            System.arraycopy(buf, pos, buf, 0, n);
            pos = 0;
            limit = n;
        }
    }
}
