package io.condurejava.http1;

import java.util.List;

/**
 * Reads Content-Length from a header list (RFC 9110 §8.6, RFC 9112 §6.3): each value must be
 * 1*DIGIT (no sign, no spaces, no {@code 0x}) and at most 2^63-1. Several Content-Length lines, or
 * a comma list such as {@code 5, 5}, are folded into one value when they are all numerically equal
 * (the RFC's MAY); any difference is {@link Violation#CONFLICTING_CONTENT_LENGTH}. Pure, any thread.
 */
final class ContentLength {
    static final long ABSENT = -1;
    private static final long INVALID = -1;
    private static final long OVERFLOW = -2;

    private ContentLength() {
    }

    /** The folded value, or {@link #ABSENT} when there is no Content-Length line. */
    static long fold(List<HttpHeader> headers) throws HttpViolationException {
        long result = ABSENT;
        for (HttpHeader h : headers) {
            if (!h.is("Content-Length")) {
                continue;
            }
            String v = h.value();
            int from = 0;
            while (true) {
                int comma = v.indexOf(',', from);
                int to = comma < 0 ? v.length() : comma;
                int s = from;
                int e = to;
                while (s < e && Ascii.isOws(v.charAt(s))) {
                    s++;
                }
                while (e > s && Ascii.isOws(v.charAt(e - 1))) {
                    e--;
                }
                long n = parseDigits(v, s, e);
                if (n == INVALID) {
                    throw Violation.INVALID_CONTENT_LENGTH.exception(Ascii.show(v));
                }
                if (n == OVERFLOW) {
                    throw Violation.CONTENT_LENGTH_OVERFLOW.exception(Ascii.show(v));
                }
                if (result != ABSENT && result != n) {
                    throw Violation.CONFLICTING_CONTENT_LENGTH.exception(result + " vs " + n);
                }
                result = n;
                if (comma < 0) {
                    break;
                }
                from = comma + 1;
            }
        }
        return result;
    }

    /** 1*DIGIT in s[from, to) as a long; -1 if not digits only (or empty), -2 if above 2^63-1. */
    static long parseDigits(String s, int from, int to) {
        if (from >= to) {
            return INVALID;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Ascii.isDigit(c)) {
                return INVALID;
            }
            int d = c - '0';
            if (n > (Long.MAX_VALUE - d) / 10) {
                // keep validating the remaining characters so "99…9x" is reported as invalid
                for (int j = i + 1; j < to; j++) {
                    if (!Ascii.isDigit(s.charAt(j))) {
                        return INVALID;
                    }
                }
                return OVERFLOW;
            }
            n = n * 10 + d;
        }
        return n;
    }
}
