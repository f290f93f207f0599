package io.condurejava.server;

import io.condurejava.http1.HttpHeader;

import java.util.List;

/**
 * Checks that handler-supplied text is safe to put in a response head we write ourselves (the
 * WebSocket accept and reject): no response splitting through CR, LF, NUL or other controls, and
 * header names that are tokens (RFC 9110 §5.1, §5.5). Pure functions; any thread.
 */
final class ResponseText {
    private ResponseText() {}

    static boolean isSafeReason(String reason) {
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    static boolean areSafeHeaders(List<HttpHeader> headers) {
        for (HttpHeader h : headers) {
            if (!isToken(h.name()) || !isSafeReason(h.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
