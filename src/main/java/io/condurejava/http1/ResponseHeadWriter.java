package io.condurejava.http1;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the response head sent to the client from a handler's response (Condure's rules,
 * reference §3.5, plus validation); pure function, any thread.
 *
 * <p>Output order: status line ({@code HTTP/1.0} for HTTP/1.0 requests); the handler's headers
 * minus Content-Length, Transfer-Encoding and Connection (Connection is kept for 101); then
 * {@code Connection: keep-alive} (1.0, persistent) or {@code Connection: close} (1.1, not
 * persistent), neither for 101; {@code Connection: Transfer-Encoding} when chunked (Condure's
 * literal quirk, kept); {@code Content-Length: N} when known; {@code Transfer-Encoding: chunked}.
 *
 * <p>Framing: 1xx, 204, 304 → NO_BODY without Content-Length (a handler value is dropped); HEAD →
 * NO_BODY but with Content-Length (the handler's, else the complete body's, omitted while
 * streaming); a handler Content-Length → CONTENT_LENGTH with it (the body is not checked against
 * it); a complete first message → CONTENT_LENGTH with its length; streaming → CHUNKED on 1.1,
 * UNTIL_CLOSE on 1.0. Unlike Condure, UNTIL_CLOSE is never persistent (no keep-alive line).
 *
 * <p>Rejected ({@link BadResponseException}): code outside 100–599; CTLs (other than HTAB) or DEL
 * in the reason; a header name that is not a token; a CTL, DEL or char above U+00FF in a value;
 * an invalid or conflicting handler Content-Length; a 1xx other than 101 to an HTTP/1.0 request.
 * The reason is sent as UTF-8; header names and values as ISO-8859-1 (one byte per char).
 */
public final class ResponseHeadWriter {
    static final int MIN_STATUS = 100;
    static final int MAX_STATUS = 599;

    private ResponseHeadWriter() {
    }

    /**
     * @param bodyLengthIfComplete the body length when the handler's first message has no
     *                             {@code more}, else -1
     */
    public static ResponseHead build(RequestHead request, boolean requestPersistent, int code, String reason,
                                     List<HttpHeader> handlerHeaders, long bodyLengthIfComplete)
            throws BadResponseException {
        if (code < MIN_STATUS || code > MAX_STATUS) {
            throw new BadResponseException("status code out of range 100-599: " + code);
        }
        boolean http10 = request.version() == HttpVersion.HTTP_1_0;
        if (code < 200 && code != 101 && http10) {
            throw new BadResponseException("1xx response " + code + " to an HTTP/1.0 request");
        }
        String reasonWire = wireReason(reason == null ? "" : reason);
        long handlerLength;
        try {
            handlerLength = ContentLength.fold(handlerHeaders);
        } catch (HttpViolationException e) {
            throw new BadResponseException("invalid Content-Length from handler: " + e.detail());
        }

        ResponseFramingKind framing;
        long contentLength;
        long lengthLine;
        if (code < 200 || code == 204 || code == 304) {
            framing = ResponseFramingKind.NO_BODY;
            contentLength = 0;
            lengthLine = -1;
        } else if (request.method().equals("HEAD")) {
            framing = ResponseFramingKind.NO_BODY;
            contentLength = 0;
            lengthLine = handlerLength >= 0 ? handlerLength : bodyLengthIfComplete;
        } else if (handlerLength >= 0 || bodyLengthIfComplete >= 0) {
            framing = ResponseFramingKind.CONTENT_LENGTH;
            contentLength = handlerLength >= 0 ? handlerLength : bodyLengthIfComplete;
            lengthLine = contentLength;
        } else {
            framing = http10 ? ResponseFramingKind.UNTIL_CLOSE : ResponseFramingKind.CHUNKED;
            contentLength = -1;
            lengthLine = -1;
        }
        boolean persistent = requestPersistent && framing != ResponseFramingKind.UNTIL_CLOSE;

        StringBuilder sb = new StringBuilder(128 + handlerHeaders.size() * 48);
        sb.append(request.version().text()).append(' ').append(code).append(' ').append(reasonWire).append("\r\n");
        for (HttpHeader h : handlerHeaders) {
            checkHeader(h);
            if (h.is("Content-Length") || h.is("Transfer-Encoding") || (code != 101 && h.is("Connection"))) {
                continue;
            }
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (code != 101) {
            if (http10 && persistent) {
                sb.append("Connection: keep-alive\r\n");
            } else if (!http10 && !persistent) {
                sb.append("Connection: close\r\n");
            }
        }
        if (framing == ResponseFramingKind.CHUNKED) {
            sb.append("Connection: Transfer-Encoding\r\n");
        }
        if (lengthLine >= 0) {
            sb.append("Content-Length: ").append(lengthLine).append("\r\n");
        }
        if (framing == ResponseFramingKind.CHUNKED) {
            sb.append("Transfer-Encoding: chunked\r\n");
        }
        sb.append("\r\n");
        return new ResponseHead(sb.toString().getBytes(StandardCharsets.ISO_8859_1), framing, contentLength, persistent);
    }

    /**
     * Persistence of the client connection from the request alone (reference §3.5): HTTP/1.1
     * unless a Connection field lists {@code close}; HTTP/1.0 only with {@code keep-alive} and no
     * {@code close}. Tokens are compared case-insensitively (RFC 9110 §7.6.1), so unlike Condure
     * {@code Connection: Close} does close.
     */
    public static boolean isPersistent(RequestHead request) {
        boolean close = FieldLists.hasToken(request.headers(), "Connection", "close");
        if (request.version() == HttpVersion.HTTP_1_1) {
            return !close;
        }
        return !close && FieldLists.hasToken(request.headers(), "Connection", "keep-alive");
    }

    /** The reason's UTF-8 bytes as ISO-8859-1 chars, after checking for control characters. */
    private static String wireReason(String reason) throws BadResponseException {
        boolean ascii = true;
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new BadResponseException("control character in reason phrase: " + (int) c);
            }
            ascii &= c < 0x80;
        }
        return ascii ? reason
                : new String(reason.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static void checkHeader(HttpHeader h) throws BadResponseException {
        if (!Ascii.isToken(h.name())) {
            throw new BadResponseException("header name is not a token: " + Ascii.show(h.name()));
        }
        String v = h.value();
        for (int i = 0; i < v.length(); i++) {
            if (!Ascii.isFieldContent(v.charAt(i))) {
                throw new BadResponseException("invalid character " + (int) v.charAt(i) + " in header " + Ascii.show(h.name()));
            }
        }
    }
}
