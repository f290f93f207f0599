package io.condurejava.http1;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed, validated request head; immutable, any thread. Headers are kept verbatim in wire order
 * (names in original case, duplicates kept, values with surrounding whitespace stripped).
 */
public record RequestHead(String method, String target, HttpVersion version, List<HttpHeader> headers) {

    public RequestHead {
        headers = List.copyOf(headers);
    }

    /** The value of the first header with this name (case-insensitive), or null if there is none. */
    public String firstValue(String name) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The values of every header with this name (case-insensitive), in wire order. */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (HttpHeader h : headers) {
            if (h.is(name)) {
                out.add(h.value());
            }
        }
        return out;
    }
}
