package io.condurejava.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validator (RFC 3629 §4) for text messages that arrive in pieces: a code point
 * may be split across pieces and frames. Rejects overlong forms, UTF-16 surrogates (U+D800-U+DFFF)
 * and code points above U+10FFFF. Runs ASCII eight bytes at a time. Mutable; one thread at a time.
 *
 * <p>State: {@code pending} continuation bytes still expected, and the allowed range
 * [{@code low}, {@code high}] of the very next byte (narrower than 0x80-0xBF only right after
 * E0, ED, F0 and F4). Once invalid, stays invalid until {@link #reset()}.
 */
public final class Utf8Validator {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080808080808080L;

    private int pending;
    private int low = 0x80;
    private int high = 0xBF;
    private boolean invalid;

    /** True if {@code b[off, off+len)} is complete, valid UTF-8. */
    public static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.update(b, off, len) && v.isComplete();
    }

    /** Feeds the next piece; false as soon as the bytes seen so far cannot be valid UTF-8. */
    public boolean update(byte[] b, int off, int len) {
        if (invalid) {
            return false;
        }
        int i = off;
        int end = off + len;
        int need = pending;
        while (i < end) {
            if (need == 0) {
                while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
                int c = b[i++] & 0xFF;
                if (c < 0x80) {
                    continue;
                }
                if (c < 0xC2 || c > 0xF4) {
                    return fail(); // continuation byte as lead, overlong C0/C1, or beyond U+10FFFF
                }
                if (c < 0xE0) {
                    need = 1;
                } else if (c < 0xF0) {
                    need = 2;
                    low = c == 0xE0 ? 0xA0 : 0x80; // E0 80-9F would be overlong
                    high = c == 0xED ? 0x9F : 0xBF; // ED A0-BF would be a surrogate
                } else {
                    need = 3;
                    low = c == 0xF0 ? 0x90 : 0x80; // F0 80-8F would be overlong
                    high = c == 0xF4 ? 0x8F : 0xBF; // F4 90+ would exceed U+10FFFF
                }
            } else {
                int c = b[i++] & 0xFF;
                if (c < low || c > high) {
                    return fail();
                }
                low = 0x80;
                high = 0xBF;
                need--;
            }
        }
        pending = need;
        return true;
    }

    /** True when no code point is left half-finished (check at the end of a message). */
    public boolean isComplete() {
        return !invalid && pending == 0;
    }

    /** Forgets all state, ready for the next message. */
    public void reset() {
        pending = 0;
        low = 0x80;
        high = 0xBF;
        invalid = false;
    }

    private boolean fail() {
        invalid = true;
        return false;
    }
}
