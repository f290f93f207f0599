package io.condurejava.http1;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.condurejava.http1.Violation.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and ambiguous requests, each mapped to the Violation (and status) it must raise. */
class RequestViolationTableTest {
    private static final int BUFFER = 8192;
    private static final String H = "Host: a\r\n";
    private static final String POST = "POST / HTTP/1.1\r\n" + H;
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    record Case(String raw, Violation expected, int bufferSize) {
    }

    private static void add(List<Arguments> list, String name, String raw, Violation v) {
        add(list, name, raw, v, BUFFER);
    }

    private static void add(List<Arguments> list, String name, String raw, Violation v, int bufferSize) {
        list.add(Arguments.of(Named.of(name, new Case(raw, v, bufferSize))));
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // line endings
        add(c, "bare LF after request line", "GET / HTTP/1.1\n" + H + "\r\n", BARE_LF);
        add(c, "bare LF after header", "GET / HTTP/1.1\r\nHost: a\n\r\n", BARE_LF);
        add(c, "bare LF as blank line", "GET / HTTP/1.1\r\n" + H + "\n", BARE_LF);
        add(c, "bare LF as first line", "\nGET / HTTP/1.1\r\n" + H + "\r\n", BARE_LF);
        add(c, "bare CR in request line", "GET / HTTP/1.1\rHost: a\r\n\r\n", BARE_CR);
        add(c, "bare CR in target", "GET /a\rb HTTP/1.1\r\n" + H + "\r\n", BARE_CR);
        add(c, "bare CR in field value", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", BARE_CR);
        add(c, "bare CR in field name", "GET / HTTP/1.1\r\n" + H + "X\rY: b\r\n\r\n", BARE_CR);
        add(c, "two empty lines before request", "\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n", EMPTY_LINE_BEFORE_REQUEST);
        // request line
        add(c, "HTTP/0.9 request line", "GET /\r\n\r\n", MISSING_VERSION);
        add(c, "method only", "GET\r\n\r\n", INVALID_REQUEST_LINE);
        add(c, "method and SP only", "GET \r\n\r\n", INVALID_REQUEST_LINE);
        add(c, "HTTP/2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", UNSUPPORTED_VERSION);
        add(c, "HTTP/0.9 with version", "GET / HTTP/0.9\r\n" + H + "\r\n", UNSUPPORTED_VERSION);
        add(c, "HTTP/1.2", "GET / HTTP/1.2\r\n" + H + "\r\n", UNSUPPORTED_VERSION);
        add(c, "lowercase http", "GET / http/1.1\r\n" + H + "\r\n", INVALID_VERSION);
        add(c, "version with trailing SP", "GET / HTTP/1.1 \r\n" + H + "\r\n", INVALID_VERSION);
        add(c, "version without dot", "GET / HTTP/11\r\n" + H + "\r\n", INVALID_VERSION);
        add(c, "version with two-digit minor", "GET / HTTP/1.10\r\n" + H + "\r\n", INVALID_VERSION);
        add(c, "double SP after method", "GET  / HTTP/1.1\r\n" + H + "\r\n", INVALID_REQUEST_LINE);
        add(c, "HTAB after method", "GET\t/ HTTP/1.1\r\n" + H + "\r\n", INVALID_REQUEST_LINE);
        add(c, "leading SP", " GET / HTTP/1.1\r\n" + H + "\r\n", INVALID_REQUEST_LINE);
        add(c, "double SP before version", "GET /  HTTP/1.1\r\n" + H + "\r\n", INVALID_VERSION);
        add(c, "method with (", "G(T / HTTP/1.1\r\n" + H + "\r\n", INVALID_METHOD);
        add(c, "method with non-ASCII", "G\u00c9T / HTTP/1.1\r\n" + H + "\r\n", INVALID_METHOD);
        add(c, "CTL in target", "GET /a\u0001b HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "non-ASCII in target", "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "DEL in target", "GET /a\u007f HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "HTAB in target", "GET /a\tb HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "NUL in target", "GET /a\u0000 HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "fragment in target", "GET /a#frag HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "asterisk with GET", "GET * HTTP/1.1\r\n" + H + "\r\n", ASTERISK_FORM_NOT_OPTIONS);
        add(c, "asterisk with suffix", "OPTIONS *x HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "authority-form with GET", "GET example.com:80 HTTP/1.1\r\n" + H + "\r\n", AUTHORITY_FORM_NOT_CONNECT);
        add(c, "IPv4 authority-form with POST", "POST 10.0.0.1:80 HTTP/1.1\r\n" + H + "\r\n", AUTHORITY_FORM_NOT_CONNECT);
        add(c, "CONNECT origin-form", "CONNECT / HTTP/1.1\r\n" + H + "\r\n", CONNECT_TARGET_NOT_AUTHORITY);
        add(c, "CONNECT without port", "CONNECT example.com HTTP/1.1\r\n" + H + "\r\n", CONNECT_TARGET_NOT_AUTHORITY);
        add(c, "CONNECT absolute-form", "CONNECT http://example.com/ HTTP/1.1\r\n" + H + "\r\n", CONNECT_TARGET_NOT_AUTHORITY);
        add(c, "CONNECT with userinfo", "CONNECT u@example.com:443 HTTP/1.1\r\n" + H + "\r\n", CONNECT_TARGET_NOT_AUTHORITY);
        add(c, "CONNECT port too big", "CONNECT example.com:65536 HTTP/1.1\r\n" + H + "\r\n", CONNECT_TARGET_NOT_AUTHORITY);
        add(c, "relative target", "GET foo HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "http URI with empty host", "GET http:///path HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "http URI without //", "GET http:/path HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "http URI with userinfo", "GET http://user@host/ HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "scheme starting with digit", "GET 1http://host/ HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET);
        add(c, "request line over buffer", "GET /" + "a".repeat(100) + " HTTP/1.1\r\n" + H + "\r\n", REQUEST_LINE_TOO_LONG, 64);
        // header section
        add(c, "65 headers", "GET / HTTP/1.1\r\n" + H + "X: y\r\n".repeat(64) + "\r\n", TOO_MANY_HEADERS);
        add(c, "head over buffer", "GET / HTTP/1.1\r\n" + H + "X: " + "y".repeat(100) + "\r\n\r\n", HEAD_TOO_LARGE, 64);
        add(c, "obs-fold", "GET / HTTP/1.1\r\n" + H + "X: a\r\n b\r\n\r\n", OBS_FOLD);
        add(c, "obs-fold with HTAB", "GET / HTTP/1.1\r\n" + H + "X: a\r\n\tb\r\n\r\n", OBS_FOLD);
        add(c, "first field line starts with SP", "GET / HTTP/1.1\r\n " + H + "\r\n", OBS_FOLD);
        add(c, "SP before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", WHITESPACE_IN_FIELD_NAME);
        add(c, "HTAB before colon", "GET / HTTP/1.1\r\n" + H + "X\t: a\r\n\r\n", WHITESPACE_IN_FIELD_NAME);
        add(c, "SP inside name", "GET / HTTP/1.1\r\n" + H + "X Y: a\r\n\r\n", WHITESPACE_IN_FIELD_NAME);
        add(c, "empty field name", "GET / HTTP/1.1\r\n" + H + ": a\r\n\r\n", INVALID_FIELD_NAME);
        add(c, "field name with (", "GET / HTTP/1.1\r\n" + H + "X(y): a\r\n\r\n", INVALID_FIELD_NAME);
        add(c, "field name non-ASCII", "GET / HTTP/1.1\r\n" + H + "X\u00e9: a\r\n\r\n", INVALID_FIELD_NAME);
        add(c, "field line without colon", "GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n", FIELD_WITHOUT_COLON);
        add(c, "NUL in value", "GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n", INVALID_FIELD_VALUE);
        add(c, "SOH in value", "GET / HTTP/1.1\r\n" + H + "X: a\u0001b\r\n\r\n", INVALID_FIELD_VALUE);
        add(c, "DEL in value", "GET / HTTP/1.1\r\n" + H + "X: a\u007fb\r\n\r\n", INVALID_FIELD_VALUE);
        add(c, "ESC in value", "GET / HTTP/1.1\r\n" + H + "X: \u001b[31m\r\n\r\n", INVALID_FIELD_VALUE);
        // Host
        add(c, "HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", MISSING_HOST);
        add(c, "two Host lines", "GET / HTTP/1.1\r\n" + H + "host: b\r\n\r\n", DUPLICATE_HOST);
        add(c, "two Host lines in HTTP/1.0", "GET / HTTP/1.0\r\n" + H + H + "\r\n", DUPLICATE_HOST);
        add(c, "Host with SP", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", INVALID_HOST);
        add(c, "Host with path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", INVALID_HOST);
        add(c, "Host with bad port", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", INVALID_HOST);
        add(c, "Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", INVALID_HOST);
        add(c, "Host unclosed IPv6", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", INVALID_HOST);
        add(c, "Host comma list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", INVALID_HOST);
        // Content-Length
        add(c, "CL with plus", POST + "Content-Length: +5\r\n\r\nhello", INVALID_CONTENT_LENGTH);
        add(c, "CL negative", POST + "Content-Length: -1\r\n\r\n", INVALID_CONTENT_LENGTH);
        add(c, "CL hex", POST + "Content-Length: 0x10\r\n\r\n", INVALID_CONTENT_LENGTH);
        add(c, "CL inner space", POST + "Content-Length: 1 2\r\n\r\n", INVALID_CONTENT_LENGTH);
        add(c, "CL empty", POST + "Content-Length:\r\n\r\n", INVALID_CONTENT_LENGTH);
        add(c, "CL trailing comma", POST + "Content-Length: 5,\r\n\r\nhello", INVALID_CONTENT_LENGTH);
        add(c, "CL decimal", POST + "Content-Length: 5.0\r\n\r\nhello", INVALID_CONTENT_LENGTH);
        add(c, "CL two values", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", CONFLICTING_CONTENT_LENGTH);
        add(c, "CL list of two values", POST + "Content-Length: 5, 6\r\n\r\nhello!", CONFLICTING_CONTENT_LENGTH);
        add(c, "CL 2^63", POST + "Content-Length: 9223372036854775808\r\n\r\n", CONTENT_LENGTH_OVERFLOW);
        add(c, "CL 23 digits", POST + "Content-Length: 99999999999999999999999\r\n\r\n", CONTENT_LENGTH_OVERFLOW);
        add(c, "CL and TE", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
        add(c, "TE and CL", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
        // Transfer-Encoding
        add(c, "TE gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", UNSUPPORTED_TRANSFER_CODING);
        add(c, "TE gzip then chunked lines", POST + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", UNSUPPORTED_TRANSFER_CODING);
        add(c, "TE chunked, gzip", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n", CHUNKED_NOT_FINAL);
        add(c, "TE identity", POST + "Transfer-Encoding: identity\r\n\r\n", CHUNKED_NOT_FINAL);
        add(c, "TE gzip", POST + "Transfer-Encoding: gzip\r\n\r\n", CHUNKED_NOT_FINAL);
        add(c, "TE chunked twice", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", CHUNKED_REPEATED);
        add(c, "TE chunked on two lines", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", CHUNKED_REPEATED);
        add(c, "TE empty", POST + "Transfer-Encoding:\r\n\r\n", INVALID_TRANSFER_ENCODING);
        add(c, "TE empty element", POST + "Transfer-Encoding: , chunked\r\n\r\n0\r\n\r\n", INVALID_TRANSFER_ENCODING);
        add(c, "TE chunked with parameter", POST + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", INVALID_TRANSFER_ENCODING);
        add(c, "TE with inner space", POST + "Transfer-Encoding: chu nked\r\n\r\n", INVALID_TRANSFER_ENCODING);
        add(c, "TE quoted", POST + "Transfer-Encoding: \"chunked\"\r\n\r\n", INVALID_TRANSFER_ENCODING);
        add(c, "TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", TRANSFER_ENCODING_IN_HTTP10);
        // chunked body
        add(c, "chunk size with x", CHUNKED + "5x\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "chunk size with sign", CHUNKED + "+5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "chunk size 0x", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "chunk size trailing SP", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "chunk size leading SP", CHUNKED + " 5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "BWS before ;", CHUNKED + "5 ;a=b\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "empty chunk size", CHUNKED + "\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "chunk size 65 zeros", CHUNKED + "0".repeat(65) + "\r\n\r\n", INVALID_CHUNK_SIZE);
        add(c, "chunk size 2^64", CHUNKED + "10000000000000000\r\n", CHUNK_SIZE_OVERFLOW);
        add(c, "chunk size 2^63", CHUNKED + "8000000000000000\r\n", CHUNK_SIZE_OVERFLOW);
        add(c, "bare CR in size line", CHUNKED + "5\rX\r\nhello\r\n0\r\n\r\n", BARE_CR);
        add(c, "bare LF after size", CHUNKED + "5\nhello\r\n0\r\n\r\n", BARE_LF);
        add(c, "lone ;", CHUNKED + "5;\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "BWS after ;", CHUNKED + "5; a=b\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "BWS around =", CHUNKED + "5;a = b\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "empty extension value", CHUNKED + "5;a=\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "unterminated quoted value", CHUNKED + "5;a=\"x\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "junk after extension value", CHUNKED + "5;a=\"x\"y\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "CTL in quoted value", CHUNKED + "5;a=\"\u0001\"\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION);
        add(c, "extension over 4096 bytes", CHUNKED + "5;a=" + "b".repeat(4094) + "\r\nhello\r\n0\r\n\r\n", CHUNK_EXTENSION_TOO_LONG);
        add(c, "extension over buffer", CHUNKED + "5;a=" + "b".repeat(300) + "\r\nhello\r\n0\r\n\r\n", CHUNK_EXTENSION_TOO_LONG, 256);
        add(c, "data longer than size", CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n", MISSING_CHUNK_CRLF);
        add(c, "LF only after data", CHUNKED + "5\r\nhello\n0\r\n\r\n", MISSING_CHUNK_CRLF);
        add(c, "CR only after data", CHUNKED + "5\r\nhello\r0\r\n\r\n", MISSING_CHUNK_CRLF);
        add(c, "trailer obs-fold", CHUNKED + "0\r\nX: a\r\n b\r\n\r\n", OBS_FOLD);
        add(c, "trailer SP before colon", CHUNKED + "0\r\nX : a\r\n\r\n", WHITESPACE_IN_FIELD_NAME);
        add(c, "trailer NUL in value", CHUNKED + "0\r\nX: a\u0000\r\n\r\n", INVALID_FIELD_VALUE);
        add(c, "trailer bare LF", CHUNKED + "0\r\nX: a\n\r\n", BARE_LF);
        add(c, "five trailers", CHUNKED + "0\r\n" + "X: a\r\n".repeat(5) + "\r\n", TOO_MANY_TRAILERS);
        add(c, "trailer over 256 bytes", CHUNKED + "0\r\nX: " + "a".repeat(260) + "\r\n\r\n", TRAILER_TOO_LARGE);
        add(c, "bad second request after good one", "GET / HTTP/1.1\r\n" + H + "\r\nGET / HTTP/1.1\r\n\r\n", MISSING_HOST);
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithTheNamedViolation(Case c) throws Exception {
        assertEquals(c.expected(), Wire.firstViolation(Wire.whole(c.raw()), c.bufferSize()), "whole buffer");
        assertEquals(c.expected(), Wire.firstViolation(Wire.oneByteAtATime(c.raw()), c.bufferSize()), "1-byte reads");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exceptionCarriesStatusAndSection(Case c) throws Exception {
        HttpInput in = new HttpInput(Wire.whole(c.raw()), c.bufferSize());
        try {
            while (true) {
                RequestHead head = in.readRequestHead(Wire.MAX_HEADERS);
                org.junit.jupiter.api.Assertions.assertNotNull(head, "no violation raised");
                Wire.readAll(Wire.body(in, RequestFraming.of(head)));
            }
        } catch (HttpViolationException e) {
            assertEquals(c.expected().status(), e.violation().status());
            assertTrue(e.getMessage().contains(c.expected().rfcSection()), e.getMessage());
            assertTrue(e.getMessage().contains(c.expected().name()), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void tableIsLargeAndCoversEveryViolation() {
        List<Arguments> all = cases().toList();
        assertTrue(all.size() >= 60, "cases: " + all.size());
        java.util.EnumSet<Violation> seen = java.util.EnumSet.noneOf(Violation.class);
        for (Arguments a : all) {
            seen.add(((Case) ((Named<?>) a.get()[0]).getPayload()).expected());
        }
        assertEquals(java.util.EnumSet.allOf(Violation.class), seen);
    }
}
