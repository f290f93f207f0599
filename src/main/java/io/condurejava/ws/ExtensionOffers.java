package io.condurejava.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} request values (RFC 6455 §9.1): a comma-separated list
 * of {@code token *( ";" token [ "=" ( token / quoted-string ) ] )}, optional whitespace around
 * the separators, empty list elements skipped (RFC 9110 §5.6.1). A quoted value is unescaped.
 * Pure; any thread.
 */
final class ExtensionOffers {

    /** One offered extension with its parameters in order (duplicates kept). */
    record Offer(String name, List<Param> params) {
    }

    /** A parameter; {@code value} is null when it has none. */
    record Param(String name, String value) {
    }

    private final String s;
    private int i;

    private ExtensionOffers(String s) {
        this.s = s;
    }

    /** The offers of all values in order, or null when any value is malformed. */
    static List<Offer> parse(List<String> values) {
        List<Offer> offers = new ArrayList<>();
        for (String v : values) {
            if (!new ExtensionOffers(v).parseInto(offers)) {
                return null;
            }
        }
        return offers;
    }

    private boolean parseInto(List<Offer> offers) {
        while (true) {
            skipOws();
            if (i == s.length()) {
                return true;
            }
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            String name = token();
            if (name == null) {
                return false;
            }
            List<Param> params = new ArrayList<>(2);
            skipOws();
            while (i < s.length() && s.charAt(i) == ';') {
                i++;
                skipOws();
                String pname = token();
                if (pname == null) {
                    return false;
                }
                skipOws();
                String value = null;
                if (i < s.length() && s.charAt(i) == '=') {
                    i++;
                    skipOws();
                    value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
                    if (value == null) {
                        return false;
                    }
                    skipOws();
                }
                params.add(new Param(pname, value));
            }
            offers.add(new Offer(name, List.copyOf(params)));
            if (i < s.length() && s.charAt(i) != ',') {
                return false;
            }
        }
    }

    private String token() {
        int start = i;
        while (i < s.length() && isTchar(s.charAt(i))) {
            i++;
        }
        return i == start ? null : s.substring(start, i);
    }

    /** A quoted-string whose unescaped content must be a token (RFC 6455 §9.1). */
    private String quoted() {
        StringBuilder b = new StringBuilder();
        i++; // opening quote
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                String v = b.toString();
                return !v.isEmpty() && v.chars().allMatch(ch -> isTchar((char) ch)) ? v : null;
            }
            if (c == '\\') {
                if (i == s.length()) {
                    return null;
                }
                c = s.charAt(i++);
            }
            b.append(c);
        }
        return null;
    }

    private void skipOws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    /** tchar of RFC 9110 §5.6.2. */
    static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
