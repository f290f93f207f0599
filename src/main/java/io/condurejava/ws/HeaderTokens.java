package io.condurejava.ws;

import io.condurejava.http1.HttpHeader;

import java.util.List;

/**
 * Case-insensitive header lookups for the handshake: how many fields have a name, the first one's value
 * (whether a list field holds a token is {@code http1.FieldLists}'s). Index loops, no iterator. Pure, any thread.
 */
final class HeaderTokens {
    private HeaderTokens() {
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
