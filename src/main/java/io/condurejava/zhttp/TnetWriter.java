package io.condurejava.zhttp;

import java.nio.charset.StandardCharsets;

/**
 * Writes tnetstring values straight into a growable byte array. Container lengths are
 * back-patched: {@link #begin()} reserves room for the longest length prefix, {@link #end}
 * writes the real prefix right-aligned into that room and slides the (small) nested payload
 * left over the unused part; the outermost container is never moved ({@link #finishInPlace}).
 * Enforces Condure's limit of {@value #VALUES_PER_MESSAGE_MAX} values (a container counts
 * twice, like Condure's start/end ops). Its buffer comes from {@link PacketBuffers}. One instance per message;
 * one thread.
 */
final class TnetWriter {
    static final int VALUES_PER_MESSAGE_MAX = 1000;
    /** Room reserved before a container payload: 10 digits (lengths up to 2^31) plus ':'. */
    private static final int PREFIX_RESERVE_BYTES = 11;
    private static final int NESTING_MAX = 8;
    private static final byte[] TRUE_FRAME = "4:true!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE_FRAME = "5:false!".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private int values;
    private final int[] marks = new int[NESTING_MAX];
    private int depth;

    /** A writer sized for about {@code capacityHint} bytes; byte 0 is kept free for the lead byte of {@link #finishInPlace}. */
    TnetWriter(int capacityHint) {
        buf = PacketBuffers.take(Math.max(64, capacityHint + PREFIX_RESERVE_BYTES + 16));
        len = 1; // room for the lead byte written by finishInPlace()
    }

    /** A pre-encoded frame for a constant ASCII string (used for dict keys). */
    static byte[] frame(String ascii) {
        return (ascii.length() + ":" + ascii + ",").getBytes(StandardCharsets.US_ASCII);
    }

    /** Appends a pre-encoded frame holding {@code valueCount} values. */
    void raw(byte[] encoded, int valueCount) {
        count(valueCount);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buf, len, encoded.length);
        len += encoded.length;
    }

    void string(byte[] b) {
        count(1);
        ensure(b.length + 12);
        writeDecimal(b.length);
        buf[len++] = ':';
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        buf[len++] = ',';
    }

    void utf8(String s) {
        string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string of Latin-1 text, written char by char (no intermediate array); other chars become '?', as getBytes does. */
    void latin1(String s) {
        int n = s.length();
        count(1);
        ensure(n + 12);
        writeDecimal(n);
        buf[len++] = ':';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[len++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        buf[len++] = ',';
    }

    void integer(long v) {
        count(1);
        ensure(24);
        int digits = v < 0 ? (v == Long.MIN_VALUE ? 20 : decimalLength(-v) + 1) : decimalLength(v);
        writeDecimal(digits);
        buf[len++] = ':';
        if (v == Long.MIN_VALUE) {
            byte[] s = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, buf, len, s.length);
            len += s.length;
        } else {
            if (v < 0) {
                buf[len++] = '-';
                v = -v;
            }
            writeDecimal(v);
        }
        buf[len++] = '#';
    }

    void bool(boolean v) {
        raw(v ? TRUE_FRAME : FALSE_FRAME, 1);
    }

    /** Opens a list or dict; close it with {@link #end} (or {@link #finishInPlace} for the outermost). */
    void begin() {
        if (depth == NESTING_MAX) {
            throw new IllegalStateException("tnetstring nesting too deep");
        }
        count(2);
        ensure(PREFIX_RESERVE_BYTES);
        marks[depth++] = len;
        len += PREFIX_RESERVE_BYTES;
    }

    /** Closes a nested container with type byte {@code ']'} or {@code '}'}. */
    void end(byte type) {
        if (depth < 2) {
            throw new IllegalStateException("end() without a nested begin()");
        }
        int mark = marks[--depth];
        int prefixStart = closeContainer(mark, type);
        int gap = prefixStart - mark;
        if (gap > 0) {
            System.arraycopy(buf, prefixStart, buf, mark, len - prefixStart);
            len -= gap;
        }
    }

    /** Closes the outermost container; returns where {@code lead} + the value lie in this writer's buffer (no copy). */
    EncodedPacket finishInPlace(byte type, byte lead) {
        if (depth != 1) {
            throw new IllegalStateException("finishInPlace() with " + depth + " open containers");
        }
        int prefixStart = closeContainer(marks[--depth], type);
        buf[prefixStart - 1] = lead;
        return new EncodedPacket(buf, prefixStart - 1, len - (prefixStart - 1), true);
    }

    /** Writes the length prefix just before the payload and the type byte after it; returns the prefix start. */
    private int closeContainer(int mark, byte type) {
        int payloadStart = mark + PREFIX_RESERVE_BYTES;
        int payloadLen = len - payloadStart;
        ensure(1);
        buf[len++] = type;
        int p = payloadStart - 1;
        buf[p] = ':';
        int v = payloadLen;
        do {
            buf[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return p;
    }

    private void count(int n) {
        values += n;
        if (values > VALUES_PER_MESSAGE_MAX) {
            throw new IllegalArgumentException(
                    "message needs more than " + VALUES_PER_MESSAGE_MAX + " tnetstring values");
        }
    }

    private void writeDecimal(long v) {
        int n = decimalLength(v);
        int p = len + n;
        len = p;
        do {
            buf[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    private static int decimalLength(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private void ensure(int extra) {
        if (buf.length - len < extra) {
            long want = Math.max((long) buf.length * 2, (long) len + extra);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("message too large");
            }
            byte[] bigger = PacketBuffers.take((int) want);
            System.arraycopy(buf, 0, bigger, 0, len);
            PacketBuffers.give(buf); // only this writer has seen it
            buf = bigger;
        }
    }
}
