package io.condurejava.http1;

import java.util.List;

/**
 * Token lookups in comma-separated list fields such as Connection and Upgrade (RFC 9110 §5.6.1), with no
 * allocation (every request asks whether it is an upgrade or keeps its connection); pure, any thread.
 */
public final class FieldLists {
    private FieldLists() {
    }

    /** Does any field named {@code name} list {@code token} (both compared case-insensitively)? */
    public static boolean hasToken(List<HttpHeader> headers, String name, String token) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            if (h.is(name) && hasToken(h.value(), token)) {
                return true;
            }
        }
        return false;
    }

    /** Is {@code token} one of the elements of the list {@code value}, optional whitespace around it ignored? */
    public static boolean hasToken(String value, String token) {
        int from = 0;
        int len = value.length();
        while (from <= len) {
            int comma = value.indexOf(',', from);
            int to = comma < 0 ? len : comma;
            int s = from;
            int e = to;
            while (s < e && Ascii.isOws(value.charAt(s))) {
                s++;
            }
            while (e > s && Ascii.isOws(value.charAt(e - 1))) {
                e--;
            }
            if (e - s == token.length() && value.regionMatches(true, s, token, 0, e - s)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            from = comma + 1;
        }
        return false;
    }
}
