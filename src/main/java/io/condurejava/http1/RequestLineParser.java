package io.condurejava.http1;

/**
 * Parses and validates a request-line (RFC 9112 §3) straight from the input buffer: method token,
 * one SP, request-target (visible ASCII except '#', in the form the method allows), one SP,
 * exactly {@code HTTP/1.1} or {@code HTTP/1.0}. Pure function, any thread.
 */
final class RequestLineParser {
    /** Result of a request-line parse. */
    record RequestLine(String method, String target, HttpVersion version) {
    }

    private static final int VERSION_BYTES = 8; // "HTTP/x.y"

    private RequestLineParser() {
    }

    /** Parses b[start, end) (the line without its CRLF). */
    static RequestLine parse(byte[] b, int start, int end) throws HttpViolationException {
        int i = start;
        while (i < end && Ascii.isTchar(b[i])) {
            i++;
        }
        if (i == end) {
            throw Violation.INVALID_REQUEST_LINE.exception("no request-target: " + Ascii.show(b, start, end));
        }
        if (b[i] != Ascii.SP || i == start) {
            Violation v = b[i] == Ascii.CR ? Violation.BARE_CR
                    : b[i] == Ascii.SP || b[i] == Ascii.HTAB ? Violation.INVALID_REQUEST_LINE
                    : Violation.INVALID_METHOD;
            throw v.exception(Ascii.show(b, start, end));
        }
        String method = CommonFields.method(b, start, i);
        int targetStart = ++i;
        while (i < end && Ascii.isTargetChar(b[i])) {
            i++;
        }
        if (i == end) {
            throw i == targetStart
                    ? Violation.INVALID_REQUEST_LINE.exception("no request-target: " + Ascii.show(b, start, end))
                    : Violation.MISSING_VERSION.exception(Ascii.show(b, start, end));
        }
        if (b[i] != Ascii.SP || i == targetStart) {
            Violation v = b[i] == Ascii.CR ? Violation.BARE_CR
                    : b[i] == Ascii.SP ? Violation.INVALID_REQUEST_LINE
                    : Violation.INVALID_TARGET;
            throw v.exception(Ascii.show(b, start, end));
        }
        String target = Ascii.latin1(b, targetStart, i);
        HttpVersion version = parseVersion(b, i + 1, end);
        checkTargetForm(method, target);
        return new RequestLine(method, target, version);
    }

    private static HttpVersion parseVersion(byte[] b, int from, int end) throws HttpViolationException {
        if (end - from == VERSION_BYTES && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T'
                && b[from + 3] == 'P' && b[from + 4] == '/' && isDigit(b[from + 5]) && b[from + 6] == '.'
                && isDigit(b[from + 7])) {
            if (b[from + 5] == '1' && b[from + 7] == '1') {
                return HttpVersion.HTTP_1_1;
            }
            if (b[from + 5] == '1' && b[from + 7] == '0') {
                return HttpVersion.HTTP_1_0;
            }
            throw Violation.UNSUPPORTED_VERSION.exception(Ascii.show(b, from, end));
        }
        for (int i = from; i < end; i++) {
            if (b[i] == Ascii.CR) {
                throw Violation.BARE_CR.exception(Ascii.show(b, from, end));
            }
        }
        throw Violation.INVALID_VERSION.exception(Ascii.show(b, from, end));
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Checks the target form against the method (RFC 9112 §3.2); bytes are already visible ASCII. */
    private static void checkTargetForm(String method, String target) throws HttpViolationException {
        char first = target.charAt(0);
        if (method.equals("CONNECT")) {
            if (!Authority.isValid(target, 0, target.length(), true)) {
                throw Violation.CONNECT_TARGET_NOT_AUTHORITY.exception(target);
            }
            return;
        }
        if (first == '/') {
            return; // origin-form; bytes already checked
        }
        if (first == '*') {
            if (target.length() != 1) {
                throw Violation.INVALID_TARGET.exception(target);
            }
            if (!method.equals("OPTIONS")) {
                throw Violation.ASTERISK_FORM_NOT_OPTIONS.exception(method);
            }
            return;
        }
        if (Authority.isValid(target, 0, target.length(), true)) {
            throw Violation.AUTHORITY_FORM_NOT_CONNECT.exception(method + " " + target);
        }
        if (!isAbsoluteForm(target)) {
            throw Violation.INVALID_TARGET.exception(target);
        }
    }

    /**
     * absolute-form: scheme ":" hier-part (RFC 3986 §3). For http and https the authority must be
     * present, non-empty, without userinfo (RFC 9110 §4.2.1, §4.2.4).
     */
    private static boolean isAbsoluteForm(String t) {
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1 || !Character.isLetter(t.charAt(0)) || t.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        boolean http = t.regionMatches(true, 0, "http", 0, colon) && colon == 4
                || t.regionMatches(true, 0, "https", 0, colon) && colon == 5;
        if (!http) {
            return true;
        }
        if (!t.startsWith("//", colon + 1)) {
            return false;
        }
        int authStart = colon + 3;
        int authEnd = authStart;
        while (authEnd < t.length() && t.charAt(authEnd) != '/' && t.charAt(authEnd) != '?') {
            authEnd++;
        }
        return Authority.isValid(t, authStart, authEnd, false);
    }
}
