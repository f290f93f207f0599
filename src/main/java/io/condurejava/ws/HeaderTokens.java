package io.condurejava.ws;

import io.condurejava.http1.HttpHeader;

import java.util.List;

/** Case-insensitive token lookup in comma-separated header fields (RFC 9110 §5.6.1); pure, any thread. */
final class HeaderTokens {
    private HeaderTokens() {
    }

    /** Does any field named {@code name} list {@code token}? */
    static boolean contains(List<HttpHeader> headers, String name, String token) {
        for (HttpHeader h : headers) {
            if (h.is(name) && listContains(h.value(), token)) {
                return true;
            }
        }
        return false;
    }

    static boolean listContains(String list, String token) {
        for (String element : list.split(",", -1)) {
            if (element.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** How many fields are named {@code name}. */
    static int count(List<HttpHeader> headers, String name) {
        int n = 0;
        for (HttpHeader h : headers) {
            if (h.is(name)) {
                n++;
            }
        }
        return n;
    }

    /** The value of the first field named {@code name}, or null. */
    static String first(List<HttpHeader> headers, String name) {
        for (HttpHeader h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }
}
