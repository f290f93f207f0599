package io.condurejava.http1;

import java.nio.charset.StandardCharsets;

/**
 * The request methods, header names and values most requests and responses carry, as shared constant strings:
 * text whose bytes match one exactly (case included: heads are kept verbatim) costs no new string. A browser's request
 * carries a dozen of them, a WebSocket upgrade eight. Looked up by length, then byte by byte among the few
 * of that length. Pure; any thread.
 */
public final class CommonFields {
    private static final String[] NAMES = {
            "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Connection",
            "Upgrade", "Content-Length", "Content-Type", "Transfer-Encoding", "Cache-Control", "Pragma", "Origin",
            "Referer", "Cookie", "Authorization", "Date", "Server", "Expect", "If-None-Match", "If-Modified-Since",
            "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol",
            "Sec-WebSocket-Accept", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Grip-Sig", "Grip-Hold",
            "Grip-Channel", "X-Forwarded-For", "X-Forwarded-Proto",
            "host", "user-agent", "accept", "accept-encoding", "accept-language", "connection", "upgrade",
            "content-length", "content-type", "transfer-encoding", "cache-control", "origin", "cookie",
            "authorization", "date", "server", "sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "sec-websocket-protocol", "sec-websocket-accept",
    };
    private static final String[] VALUES = {
            "websocket", "Upgrade", "upgrade", "13", "keep-alive", "close", "Keep-Alive", "chunked", "*/*",
            "gzip", "gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd", "no-cache", "max-age=0",
            "permessage-deflate", "permessage-deflate; client_max_window_bits", "text/plain", "text/html",
            "text/plain; charset=utf-8", "text/html; charset=utf-8", "application/json", "application/octet-stream",
            "0", "1", "en-US,en;q=0.9", "same-origin", "cors", "empty", "document", "navigate", "none",
    };
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"};
    private static final String[][] METHODS_BY_LENGTH = byLength(METHODS);
    private static final String[][] NAMES_BY_LENGTH = byLength(NAMES);
    private static final String[][] VALUES_BY_LENGTH = byLength(VALUES);

    private CommonFields() {
    }

    /** The request method in {@code b[from, to)} (Latin-1), a shared constant when it is a standard one. */
    public static String method(byte[] b, int from, int to) {
        return lookup(METHODS_BY_LENGTH, b, from, to);
    }

    /** The field name in {@code b[from, to)} (Latin-1), a shared constant when it is a common one. */
    public static String name(byte[] b, int from, int to) {
        return lookup(NAMES_BY_LENGTH, b, from, to);
    }

    /** The field value in {@code b[from, to)} (Latin-1), a shared constant when it is a common one. */
    public static String value(byte[] b, int from, int to) {
        return lookup(VALUES_BY_LENGTH, b, from, to);
    }

    private static String lookup(String[][] byLength, byte[] b, int from, int to) {
        int length = to - from;
        if (length < byLength.length) {
            String[] candidates = byLength[length];
            for (int c = 0; c < candidates.length; c++) {
                if (sameBytes(candidates[c], b, from)) {
                    return candidates[c];
                }
            }
        }
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean sameBytes(String s, byte[] b, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != (b[from + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static String[][] byLength(String[] all) {
        int max = 0;
        for (String s : all) {
            max = Math.max(max, s.length());
        }
        String[][] table = new String[max + 1][];
        for (int length = 0; length <= max; length++) {
            int n = 0;
            for (String s : all) {
                if (s.length() == length) {
                    n++;
                }
            }
            table[length] = new String[n];
            n = 0;
            for (String s : all) {
                if (s.length() == length) {
                    table[length][n++] = s;
                }
            }
        }
        return table;
    }
}
