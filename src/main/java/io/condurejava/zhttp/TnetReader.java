package io.condurejava.zhttp;

import io.condurejava.http1.CommonFields;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cursor over consecutive tnetstring frames inside {@code buf[pos, end)} (the top level, or
 * the payload of a list or dict). {@link #next()} parses one frame header and exposes its
 * {@link #type} and payload bounds; nested containers are read by {@link #enter} and are
 * otherwise skipped by their length, so skipping needs no recursion and any nesting depth is
 * harmless. Every defect is reported as {@link ZhttpFormatException}. One thread.
 */
final class TnetReader {
    static final byte STRING = ',';
    static final byte INT = '#';
    static final byte BOOL = '!';
    static final byte LIST = ']';
    static final byte DICT = '}';
    static final byte FLOAT = '^';
    static final byte NULL = '~';
    /** Length prefixes longer than this cannot describe a Java array. */
    private static final int LENGTH_DIGITS_MAX = 10;
    /** Longest integer payload: '-' plus 19 digits. */
    private static final int INT_CHARS_MAX = 20;

    private final byte[] buf;
    private int pos;
    private final int end;
    /** Type byte of the current frame. */
    byte type;
    /** Payload bounds of the current frame, {@code buf[start, stop)}. */
    int start;
    int stop;

    TnetReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    boolean hasNext() {
        return pos < end;
    }

    /** Parses the next frame header: {@code <digits>:<payload><type>}. */
    void next() throws ZhttpFormatException {
        int p = pos;
        long n = 0;
        int digits = 0;
        while (true) {
            if (p >= end) {
                throw new ZhttpFormatException("unexpected end of data in a length prefix");
            }
            int c = buf[p];
            if (c == ':') {
                break;
            }
            if (c < '0' || c > '9') {
                throw new ZhttpFormatException("invalid data: length prefix must be ASCII digits");
            }
            if (++digits > LENGTH_DIGITS_MAX) {
                throw new ZhttpFormatException("invalid data: length prefix too long");
            }
            n = n * 10 + (c - '0');
            p++;
        }
        if (digits == 0) {
            throw new ZhttpFormatException("invalid data: empty length prefix");
        }
        p++;
        if (n > end - p - 1) {
            throw new ZhttpFormatException("unexpected end of data: value of " + n + " bytes is truncated");
        }
        int s = p + (int) n;
        byte t = buf[s];
        switch (t) {
            case STRING, INT, BOOL, LIST, DICT, FLOAT, NULL -> { }
            default -> throw new ZhttpFormatException("invalid data: unknown type byte 0x"
                    + Integer.toHexString(t & 0xff));
        }
        start = p;
        stop = s;
        type = t;
        pos = s + 1;
    }

    /** Reads a dict key followed by its value; returns the key's index in {@code keys} or -1. */
    int nextEntry(byte[][] keys) throws ZhttpFormatException {
        next();
        if (type != STRING) {
            throw new ZhttpFormatException("dict key must be a string");
        }
        int ks = start;
        int ke = stop;
        int found = -1;
        for (int i = 0; i < keys.length; i++) {
            if (Arrays.equals(buf, ks, ke, keys[i], 0, keys[i].length)) {
                found = i;
                break;
            }
        }
        if (found < 0 && !Utf8.isValid(buf, ks, ke)) {
            throw new ZhttpFormatException("dict key must be a utf-8 string");
        }
        if (!hasNext()) {
            throw new ZhttpFormatException("dict key without a value");
        }
        next();
        return found;
    }

    private void expect(byte t, String field) throws ZhttpFormatException {
        if (type != t) {
            throw new ZhttpFormatException(field + " must be of type " + typeName(t) + ", got " + typeName(type));
        }
    }

    /** A cursor over the current list or dict. */
    TnetReader enter(byte containerType, String field) throws ZhttpFormatException {
        expect(containerType, field);
        return new TnetReader(buf, start, stop);
    }

    int length() {
        return stop - start;
    }

    byte[] bytes(String field) throws ZhttpFormatException {
        expect(STRING, field);
        return Arrays.copyOfRange(buf, start, stop);
    }

    String latin1(String field) throws ZhttpFormatException {
        expect(STRING, field);
        return new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    /** As {@link #latin1} for a header name: the shared string when it is a common one ({@link CommonFields}). */
    String headerName(String field) throws ZhttpFormatException {
        expect(STRING, field);
        return CommonFields.name(buf, start, stop);
    }

    /** As {@link #latin1} for a header value: the shared string when it is a common one ({@link CommonFields}). */
    String headerValue(String field) throws ZhttpFormatException {
        expect(STRING, field);
        return CommonFields.value(buf, start, stop);
    }

    String utf8(String field) throws ZhttpFormatException {
        expect(STRING, field);
        requireUtf8(field);
        return new String(buf, start, stop - start, StandardCharsets.UTF_8);
    }

    /** Checks that the current string payload is UTF-8. */
    void requireUtf8(String field) throws ZhttpFormatException {
        if (!Utf8.isValid(buf, start, stop)) {
            throw new ZhttpFormatException(field + " must be a utf-8 string");
        }
    }

    boolean bool(String field) throws ZhttpFormatException {
        expect(BOOL, field);
        int n = stop - start;
        if (n == 4 && buf[start] == 't' && buf[start + 1] == 'r' && buf[start + 2] == 'u' && buf[start + 3] == 'e') {
            return true;
        }
        if (n == 5 && buf[start] == 'f' && buf[start + 1] == 'a' && buf[start + 2] == 'l'
                && buf[start + 3] == 's' && buf[start + 4] == 'e') {
            return false;
        }
        throw new ZhttpFormatException(field + ": invalid boolean");
    }

    /** A signed 64-bit integer: optional '-', then one or more ASCII digits. */
    long integer(String field) throws ZhttpFormatException {
        expect(INT, field);
        int p = start;
        boolean negative = p < stop && buf[p] == '-';
        if (negative) {
            p++;
        }
        if (p == stop || stop - start > INT_CHARS_MAX) {
            throw new ZhttpFormatException(field + ": invalid integer");
        }
        long v = 0;
        for (; p < stop; p++) {
            int d = buf[p] - '0';
            if (d < 0 || d > 9) {
                throw new ZhttpFormatException(field + ": invalid integer");
            }
            // accumulate negatively so Long.MIN_VALUE is representable
            if (v < (Long.MIN_VALUE + d) / 10) {
                throw new ZhttpFormatException(field + ": integer out of range");
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                throw new ZhttpFormatException(field + ": integer out of range");
            }
            v = -v;
        }
        return v;
    }

    /** An integer in {@code [0, max]}. */
    long nonNegative(String field, long max) throws ZhttpFormatException {
        long v = integer(field);
        if (v < 0) {
            throw new ZhttpFormatException(field + " must not be negative");
        }
        if (v > max) {
            throw new ZhttpFormatException(field + " out of range: " + v);
        }
        return v;
    }

    static String typeName(byte t) {
        return switch (t) {
            case STRING -> "string";
            case INT -> "int";
            case BOOL -> "bool";
            case LIST -> "list";
            case DICT -> "dict";
            case FLOAT -> "float";
            case NULL -> "null";
            default -> "unknown";
        };
    }
}
