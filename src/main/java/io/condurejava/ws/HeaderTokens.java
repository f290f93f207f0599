package io.condurejava.ws;

import io.condurejava.http1.HttpHeader;

import java.util.List;

/**
 * Case-insensitive token lookup in comma-separated header fields (RFC 9110 §5.6.1); pure, any thread. Every
 * request asks whether it is an upgrade, so nothing here allocates: index loops (no iterator) and elements
 * compared in place (no split).
 */
final class HeaderTokens {
    private HeaderTokens() {
    }

    /** Does any field named {@code name} list {@code token}? */
    static boolean contains(List<HttpHeader> headers, String name, String token) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            if (h.is(name) && listContains(h.value(), token)) {
                return true;
            }
        }
        return false;
    }

    /** Is {@code token} one of the comma-separated elements of {@code list}, whitespace around it ignored? */
    static boolean listContains(String list, String token) {
        int start = 0;
        int length = list.length();
        while (start <= length) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(list.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(list.charAt(to - 1))) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** How many fields are named {@code name}. */
    static int count(List<HttpHeader> headers, String name) {
        int count = 0;
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.get(i).is(name)) {
                count++;
            }
        }
        return count;
    }

    /** The value of the first field named {@code name}, or null. */
    static String first(List<HttpHeader> headers, String name) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }
}
