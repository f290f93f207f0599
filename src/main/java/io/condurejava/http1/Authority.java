package io.condurejava.http1;

/**
 * Validates {@code uri-host [ ":" port ]} (RFC 3986 §3.2.2–3.2.3, RFC 9110 §4.2): used for Host
 * values, CONNECT targets and the authority of absolute-form targets. Stricter than the grammar:
 * the host must be non-empty, a ':' must be followed by a port of 1–5 digits not above 65535, no
 * userinfo, no IPv6 zone id. Pure function, any thread.
 */
final class Authority {
    static final int MAX_PORT = 65535;
    private static final int MAX_PORT_DIGITS = 5;

    private Authority() {
    }

    /** Is s[from, to) a valid host with optional (or, if portRequired, mandatory) port? */
    static boolean isValid(String s, int from, int to, boolean portRequired) {
        if (from >= to) {
            return false;
        }
        int hostEnd;
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from);
            if (close < 0 || close >= to || !isIpLiteral(s, from + 1, close)) {
                return false;
            }
            hostEnd = close + 1;
            if (hostEnd < to && s.charAt(hostEnd) != ':') {
                return false;
            }
        } else {
            hostEnd = from;
            while (hostEnd < to && s.charAt(hostEnd) != ':') {
                hostEnd++;
            }
            if (!isRegName(s, from, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == to) {
            return !portRequired;
        }
        return isPort(s, hostEnd + 1, to);
    }

    private static boolean isRegName(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || !Ascii.isHex(s.charAt(i + 1)) || !Ascii.isHex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!Ascii.isRegNameChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpLiteral(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        char first = s.charAt(from);
        if (first == 'v' || first == 'V') {
            int dot = s.indexOf('.', from);
            if (dot < 0 || dot >= to - 1 || dot == from + 1) {
                return false;
            }
            for (int i = from + 1; i < dot; i++) {
                if (!Ascii.isHex(s.charAt(i))) {
                    return false;
                }
            }
            for (int i = dot + 1; i < to; i++) {
                char c = s.charAt(i);
                if (!Ascii.isRegNameChar(c) && c != ':') {
                    return false;
                }
            }
            return true;
        }
        boolean colon = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!Ascii.isHex(c) && c != '.') {
                return false;
            }
        }
        return colon;
    }

    private static boolean isPort(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > MAX_PORT_DIGITS) {
            return false;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Ascii.isDigit(c)) {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= MAX_PORT;
    }
}
