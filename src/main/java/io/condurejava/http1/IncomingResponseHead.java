package io.condurejava.http1;

import java.util.List;

/**
 * A parsed response head from an origin server (client mode): status line and header fields
 * verbatim in wire order (names in original case, values with surrounding whitespace stripped).
 * Immutable; any thread.
 */
public record IncomingResponseHead(HttpVersion version, int code, String reason, List<HttpHeader> headers) {

    public IncomingResponseHead {
        headers = List.copyOf(headers);
    }

    /** True for 1xx heads other than 101: another head follows (RFC 9110 §15.2). */
    public boolean isInterim() {
        return code >= 100 && code < 200 && code != 101;
    }

    /** The body framing of this response to a request with {@code requestMethod} (RFC 9112 §6.3). */
    public ResponseBodyFraming framing(String requestMethod) throws MalformedResponseException {
        return ResponseFramingRules.of(this, requestMethod);
    }
}
