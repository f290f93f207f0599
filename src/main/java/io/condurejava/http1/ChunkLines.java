package io.condurejava.http1;

import java.io.IOException;

/**
 * The line-level pieces of chunked coding (RFC 9112 §7.1), parsed in place from the
 * {@link HttpInput} buffer: size lines with extensions, the CRLF after chunk data, the trailer
 * section. Pure functions over the given input, called on its reading thread.
 */
final class ChunkLines {
    private static final String CONTEXT = "chunked body";

    private ChunkLines() {
    }

    /** Reads {@code chunk-size [chunk-ext] CRLF} and returns the size. */
    static long readSizeLine(HttpInput in, int maxLineBytes) throws IOException {
        int lf = in.fillLine(maxLineBytes, CONTEXT);
        byte[] b = in.buf;
        int p = in.pos;
        if (lf < 0) {
            throw tooLong(b, p, Math.min(in.limit, p + maxLineBytes));
        }
        int end = lf - 1;
        if (end < p || b[end] != Ascii.CR) {
            throw Violation.BARE_LF.exception("chunk size line: " + Ascii.show(b, p, lf));
        }
        long size = 0;
        int i = p;
        while (i < end) {
            int d = Ascii.hexValue(b[i]);
            if (d < 0) {
                break;
            }
            if (size > (Long.MAX_VALUE >>> 4)) {
                throw Violation.CHUNK_SIZE_OVERFLOW.exception(Ascii.show(b, p, end));
            }
            size = (size << 4) | d;
            i++;
        }
        if (i == p || i - p > ChunkedInputStream.MAX_CHUNK_SIZE_DIGITS) {
            throw Violation.INVALID_CHUNK_SIZE.exception(Ascii.show(b, p, end));
        }
        if (i < end) {
            if (b[i] != ';') {
                Violation v = b[i] == Ascii.CR ? Violation.BARE_CR : Violation.INVALID_CHUNK_SIZE;
                throw v.exception(Ascii.show(b, p, end));
            }
            if (end - i > ChunkedInputStream.MAX_CHUNK_EXTENSION_BYTES) {
                throw Violation.CHUNK_EXTENSION_TOO_LONG.exception((end - i) + " bytes");
            }
            checkExtensions(b, i, end);
        }
        in.pos = lf + 1;
        return size;
    }

    private static HttpViolationException tooLong(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ';') {
                return i - from <= ChunkedInputStream.MAX_CHUNK_SIZE_DIGITS
                        ? Violation.CHUNK_EXTENSION_TOO_LONG.exception("size line longer than " + (to - from) + " bytes")
                        : Violation.INVALID_CHUNK_SIZE.exception(Ascii.show(b, from, to));
            }
        }
        return Violation.INVALID_CHUNK_SIZE.exception(Ascii.show(b, from, to));
    }

    /** chunk-ext = *( ";" token [ "=" ( token / quoted-string ) ] ), with no BWS (stricter than the RFC). */
    private static void checkExtensions(byte[] b, int i, int end) throws HttpViolationException {
        int start = i;
        while (i < end) {
            if (b[i] != ';') {
                throw badExtension(b, start, end, i);
            }
            int nameStart = ++i;
            while (i < end && Ascii.isTchar(b[i])) {
                i++;
            }
            if (i == nameStart) {
                throw badExtension(b, start, end, i);
            }
            if (i < end && b[i] == '=') {
                i++;
                if (i < end && b[i] == '"') {
                    i = skipQuotedString(b, i + 1, end);
                    if (i < 0) {
                        throw badExtension(b, start, end, end);
                    }
                } else {
                    int valueStart = i;
                    while (i < end && Ascii.isTchar(b[i])) {
                        i++;
                    }
                    if (i == valueStart) {
                        throw badExtension(b, start, end, i);
                    }
                }
            }
        }
    }

    /** Skips a quoted-string body starting after the opening quote; returns the index after the closing quote, or -1. */
    private static int skipQuotedString(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= end || !Ascii.isFieldContent(b[i + 1])) {
                    return -1;
                }
                i += 2;
            } else if (Ascii.isFieldContent(c)) {
                i++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    private static HttpViolationException badExtension(byte[] b, int start, int end, int at) {
        Violation v = at < end && b[at] == Ascii.CR ? Violation.BARE_CR : Violation.INVALID_CHUNK_EXTENSION;
        return v.exception(Ascii.show(b, start, end));
    }

    /** Requires exactly CRLF after chunk data. */
    static void readDataCrlf(HttpInput in) throws IOException {
        int lf = in.fillLine(2, CONTEXT);
        if (lf != in.pos + 1 || in.buf[in.pos] != Ascii.CR) {
            throw Violation.MISSING_CHUNK_CRLF.exception(Ascii.show(in.buf, in.pos, Math.min(in.limit, in.pos + 2)));
        }
        in.pos += 2;
    }

    /** Reads and discards the trailer section up to and including its final CRLF. */
    static void readTrailers(HttpInput in, int maxBytes, int maxFields) throws IOException {
        int bytes = 0;
        int fields = 0;
        while (true) {
            int lf = in.fillLine(maxBytes - bytes, CONTEXT);
            if (lf < 0) {
                throw Violation.TRAILER_TOO_LARGE.exception("limit is " + Math.min(maxBytes, in.bufferSize()) + " bytes");
            }
            int p = in.pos;
            int end = lf - 1;
            if (end < p || in.buf[end] != Ascii.CR) {
                throw Violation.BARE_LF.exception("trailer: " + Ascii.show(in.buf, p, lf));
            }
            bytes += lf + 1 - p;
            if (end == p) {
                in.pos = lf + 1;
                return;
            }
            if (++fields > maxFields) {
                throw Violation.TOO_MANY_TRAILERS.exception("limit is " + maxFields);
            }
            FieldLineParser.parse(in.buf, p, end);
            in.pos = lf + 1;
        }
    }
}
