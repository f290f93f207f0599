package io.condurejava.http1;

import java.util.List;

/**
 * The request body-length rules of RFC 9112 §6, strict: Transfer-Encoding with Content-Length
 * is rejected (400, not "TE wins"); Transfer-Encoding in HTTP/1.0 is rejected (400); the list of
 * transfer codings (all Transfer-Encoding lines joined) must end in exactly one {@code chunked}
 * (case-insensitive, no parameters, no empty list elements): a final coding other than chunked
 * (e.g. {@code chunked, gzip}, {@code identity}) is 400, chunked twice is 400, and other codings
 * before chunked (e.g. {@code gzip, chunked}) are 501 since this codec decodes none of them.
 * Pure function, any thread.
 */
final class RequestFramingRules {
    private static final RequestFraming.NoBody NO_BODY = new RequestFraming.NoBody();
    private static final RequestFraming.Chunked CHUNKED = new RequestFraming.Chunked();

    private RequestFramingRules() {
    }

    static RequestFraming of(RequestHead head) throws HttpViolationException {
        List<HttpHeader> headers = head.headers();
        boolean te = false;
        boolean cl = false;
        for (HttpHeader h : headers) {
            te |= h.is("Transfer-Encoding");
            cl |= h.is("Content-Length");
        }
        if (te) {
            if (head.version() == HttpVersion.HTTP_1_0) {
                throw Violation.TRANSFER_ENCODING_IN_HTTP10.exception("");
            }
            if (cl) {
                throw Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING.exception("");
            }
            checkTransferCodings(headers);
            return CHUNKED;
        }
        if (cl) {
            return new RequestFraming.FixedLength(ContentLength.fold(headers));
        }
        return NO_BODY;
    }

    private static void checkTransferCodings(List<HttpHeader> headers) throws HttpViolationException {
        int codings = 0;
        int chunked = 0;
        boolean lastIsChunked = false;
        String joined = null;
        for (HttpHeader h : headers) {
            if (!h.is("Transfer-Encoding")) {
                continue;
            }
            String v = h.value();
            joined = joined == null ? v : joined + ", " + v;
            int from = 0;
            while (true) {
                int comma = v.indexOf(',', from);
                int to = comma < 0 ? v.length() : comma;
                int s = from;
                int e = to;
                while (s < e && Ascii.isOws(v.charAt(s))) {
                    s++;
                }
                while (e > s && Ascii.isOws(v.charAt(e - 1))) {
                    e--;
                }
                int semi = v.indexOf(';', s);
                int nameEnd = semi >= 0 && semi < e ? semi : e;
                while (nameEnd > s && Ascii.isOws(v.charAt(nameEnd - 1))) {
                    nameEnd--;
                }
                String name = v.substring(s, nameEnd);
                if (!Ascii.isToken(name)) {
                    throw Violation.INVALID_TRANSFER_ENCODING.exception(v);
                }
                codings++;
                lastIsChunked = name.equalsIgnoreCase("chunked");
                if (lastIsChunked) {
                    chunked++;
                    if (nameEnd != e) {
                        throw Violation.INVALID_TRANSFER_ENCODING.exception("parameters on chunked: " + v);
                    }
                }
                if (comma < 0) {
                    break;
                }
                from = comma + 1;
            }
        }
        if (chunked > 1) {
            throw Violation.CHUNKED_REPEATED.exception(joined);
        }
        if (!lastIsChunked) {
            throw Violation.CHUNKED_NOT_FINAL.exception(joined);
        }
        if (codings > 1) {
            throw Violation.UNSUPPORTED_TRANSFER_CODING.exception(joined);
        }
    }
}
