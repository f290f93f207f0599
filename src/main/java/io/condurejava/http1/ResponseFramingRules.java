package io.condurejava.http1;

/**
 * Response body-length rules of RFC 9112 §6.3, strict: HEAD responses, 1xx, 204 and 304 have no
 * body; Transfer-Encoding together with Content-Length is an error (smuggling risk) rather than
 * "TE wins"; chunked must be the only transfer coding (this codec decodes no other); a
 * Transfer-Encoding without chunked is read until close; conflicting Content-Length values are an
 * error. Pure function, any thread.
 */
final class ResponseFramingRules {
    private ResponseFramingRules() {
    }

    static ResponseBodyFraming of(IncomingResponseHead head, String requestMethod) throws MalformedResponseException {
        int code = head.code();
        if ("HEAD".equals(requestMethod) || (code >= 100 && code < 200) || code == 204 || code == 304) {
            return ResponseBodyFraming.NONE;
        }
        String te = null;
        boolean cl = false;
        for (HttpHeader h : head.headers()) {
            if (h.is("Transfer-Encoding")) {
                te = te == null ? h.value() : te + ", " + h.value();
            }
            cl |= h.is("Content-Length");
        }
        if (te != null) {
            if (cl) {
                throw new MalformedResponseException("response has both Transfer-Encoding and Content-Length (RFC 9112 §6.3)");
            }
            String[] codings = te.split(",", -1);
            String last = codings[codings.length - 1].strip();
            if (!last.equalsIgnoreCase("chunked")) {
                return ResponseBodyFraming.CLOSE; // RFC 9112 §6.3 item 4 (response): read until close
            }
            if (codings.length > 1) {
                throw new MalformedResponseException("unsupported transfer coding in response: " + Ascii.show(te));
            }
            return ResponseBodyFraming.CHUNKED;
        }
        if (cl) {
            try {
                return new ResponseBodyFraming(ResponseBodyFraming.Kind.CONTENT_LENGTH, ContentLength.fold(head.headers()));
            } catch (HttpViolationException e) {
                throw new MalformedResponseException("bad Content-Length in response: " + e.getMessage(), e);
            }
        }
        return ResponseBodyFraming.CLOSE;
    }
}
