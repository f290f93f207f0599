package io.condurejava.server.hardening;

import java.util.ArrayList;
import java.util.List;

import static io.condurejava.http1.Violation.*;
import static io.condurejava.server.hardening.BadRequest.body;
import static io.condurejava.server.hardening.BadRequest.head;
import static io.condurejava.server.hardening.BadRequest.pipelined;

/**
 * The table of {@link MalformedRequestSocketTest}: malformed, ambiguous and smuggling requests as a
 * client writes them, sized for the server's default 8192-byte buffer, 64 headers, 8 KiB of trailers
 * and 4096 bytes of chunk extensions. Pure data; any thread.
 */
final class BadRequestTable {
    /** Larger than the default --buffer-size (8192 bytes). */
    private static final int OVER_BUFFER_BYTES = 9000;
    private static final String H = "Host: a\r\n";
    private static final String BAD = "/must-not-reach-handler";
    private static final String GET = "GET " + BAD + " HTTP/1.1\r\n";
    private static final String POST = "POST " + BAD + " HTTP/1.1\r\n" + H;
    /** Head of a valid chunked request whose body then goes wrong. */
    private static final String CHUNKED = "POST " + BadRequest.GOOD_PATH + " HTTP/1.1\r\n" + H
            + "Transfer-Encoding: chunked\r\n\r\n";
    /** A complete valid request, first in a pipelined write. */
    private static final String GOOD_GET = "GET " + BadRequest.GOOD_PATH + " HTTP/1.1\r\n" + H + "\r\n";

    private BadRequestTable() {
    }

    static List<BadRequest> all() {
        List<BadRequest> c = new ArrayList<>();
        // Content-Length
        c.add(head("CL conflicting lines 5 and 6", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", CONFLICTING_CONTENT_LENGTH));
        c.add(head("CL conflicting list 5, 6", POST + "Content-Length: 5, 6\r\n\r\nhello!", CONFLICTING_CONTENT_LENGTH));
        c.add(head("CL 0 then 5", POST + "Content-Length: 0\r\nContent-Length: 5\r\n\r\nhello", CONFLICTING_CONTENT_LENGTH));
        c.add(head("CL with plus sign", POST + "Content-Length: +5\r\n\r\nhello", INVALID_CONTENT_LENGTH));
        c.add(head("CL negative", POST + "Content-Length: -1\r\n\r\n", INVALID_CONTENT_LENGTH));
        c.add(head("CL with inner space", POST + "Content-Length: 1 2\r\n\r\n", INVALID_CONTENT_LENGTH));
        c.add(head("CL non-digits", POST + "Content-Length: five\r\n\r\nhello", INVALID_CONTENT_LENGTH));
        c.add(head("CL 0x hex", POST + "Content-Length: 0x5\r\n\r\nhello", INVALID_CONTENT_LENGTH));
        c.add(head("CL decimal", POST + "Content-Length: 5.0\r\n\r\nhello", INVALID_CONTENT_LENGTH));
        c.add(head("CL empty", POST + "Content-Length:\r\n\r\n", INVALID_CONTENT_LENGTH));
        c.add(head("CL 2^63", POST + "Content-Length: 9223372036854775808\r\n\r\n", CONTENT_LENGTH_OVERFLOW));
        c.add(head("CL and TE", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", CONTENT_LENGTH_WITH_TRANSFER_ENCODING));
        c.add(head("TE and CL", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", CONTENT_LENGTH_WITH_TRANSFER_ENCODING));
        // Transfer-Encoding
        c.add(head("TE gzip, chunked (501)", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", UNSUPPORTED_TRANSFER_CODING));
        c.add(head("TE gzip then chunked lines (501)", POST + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", UNSUPPORTED_TRANSFER_CODING));
        c.add(head("TE chunked, gzip", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(head("TE identity", POST + "Transfer-Encoding: identity\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(head("TE gzip alone", POST + "Transfer-Encoding: gzip\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(head("TE chunked twice", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", CHUNKED_REPEATED));
        c.add(head("TE chunked with parameter", POST + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", INVALID_TRANSFER_ENCODING));
        c.add(head("TE empty", POST + "Transfer-Encoding:\r\n\r\n", INVALID_TRANSFER_ENCODING));
        c.add(head("TE in HTTP/1.0", "POST " + BAD + " HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", TRANSFER_ENCODING_IN_HTTP10));
        // line structure
        c.add(head("obs-fold with SP", GET + H + "X: a\r\n b\r\n\r\n", OBS_FOLD));
        c.add(head("obs-fold with HTAB", GET + H + "X: a\r\n\tb\r\n\r\n", OBS_FOLD));
        c.add(head("bare LF after request line", "GET " + BAD + " HTTP/1.1\n" + H + "\r\n", BARE_LF));
        c.add(head("bare LF after header", GET + "Host: a\nX: b\r\n\r\n", BARE_LF));
        c.add(head("bare LF as empty line", GET + H + "\n", BARE_LF));
        c.add(head("bare CR in request line", "GET " + BAD + " HTTP/1.1\rHost: a\r\n\r\n", BARE_CR));
        c.add(head("bare CR in field value", GET + "Host: a\rX: b\r\n\r\n", BARE_CR));
        c.add(head("bare CR in field name", GET + H + "X\rY: b\r\n\r\n", BARE_CR));
        c.add(head("two empty lines before request", "\r\n\r\n" + GET + H + "\r\n", EMPTY_LINE_BEFORE_REQUEST));
        // field names and values
        c.add(head("SP before colon", GET + "Host : a\r\n\r\n", WHITESPACE_IN_FIELD_NAME));
        c.add(head("HTAB before colon", GET + H + "X\t: a\r\n\r\n", WHITESPACE_IN_FIELD_NAME));
        c.add(head("SP inside name", GET + H + "X Y: a\r\n\r\n", WHITESPACE_IN_FIELD_NAME));
        c.add(head("NUL in name", GET + H + "X\u0000Y: a\r\n\r\n", INVALID_FIELD_NAME));
        c.add(head("SOH in name", GET + H + "X\u0001: a\r\n\r\n", INVALID_FIELD_NAME));
        c.add(head("DEL in name", GET + H + "X\u007f: a\r\n\r\n", INVALID_FIELD_NAME));
        c.add(head("empty name", GET + H + ": a\r\n\r\n", INVALID_FIELD_NAME));
        c.add(head("field line without colon", GET + H + "NoColon\r\n\r\n", FIELD_WITHOUT_COLON));
        c.add(head("NUL in value", GET + H + "X: a\u0000b\r\n\r\n", INVALID_FIELD_VALUE));
        c.add(head("ESC in value", GET + H + "X: \u001b[31mred\r\n\r\n", INVALID_FIELD_VALUE));
        c.add(head("VT in value", GET + H + "X: a\u000bb\r\n\r\n", INVALID_FIELD_VALUE));
        c.add(head("DEL in value", GET + H + "X: a\u007fb\r\n\r\n", INVALID_FIELD_VALUE));
        // Host
        c.add(head("HTTP/1.1 without Host", GET + "\r\n", MISSING_HOST));
        c.add(head("two Host lines", GET + H + "Host: b\r\n\r\n", DUPLICATE_HOST));
        c.add(head("two Host lines, other case", GET + H + "hOST: a\r\n\r\n", DUPLICATE_HOST));
        c.add(head("Host with SP", GET + "Host: a b\r\n\r\n", INVALID_HOST));
        c.add(head("Host with userinfo", GET + "Host: u@a\r\n\r\n", INVALID_HOST));
        // request line and target
        c.add(head("HTTP/0.9 request line", "GET " + BAD + "\r\n\r\n", MISSING_VERSION));
        c.add(head("HTTP/2.0 (505)", "GET " + BAD + " HTTP/2.0\r\n" + H + "\r\n", UNSUPPORTED_VERSION));
        c.add(head("HTTP/1.2 (505)", "GET " + BAD + " HTTP/1.2\r\n" + H + "\r\n", UNSUPPORTED_VERSION));
        c.add(head("HTTP/0.9 with version (505)", "GET " + BAD + " HTTP/0.9\r\n" + H + "\r\n", UNSUPPORTED_VERSION));
        c.add(head("HTTP/3.0 (505)", "GET " + BAD + " HTTP/3.0\r\n" + H + "\r\n", UNSUPPORTED_VERSION));
        c.add(head("lowercase http version", "GET " + BAD + " http/1.1\r\n" + H + "\r\n", INVALID_VERSION));
        c.add(head("method with (", "G(T " + BAD + " HTTP/1.1\r\n" + H + "\r\n", INVALID_METHOD));
        c.add(head("double SP after method", "GET  " + BAD + " HTTP/1.1\r\n" + H + "\r\n", INVALID_REQUEST_LINE));
        c.add(head("relative target", "GET must-not-reach-handler HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET));
        c.add(head("fragment in target", "GET " + BAD + "#f HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET));
        c.add(head("NUL in target", "GET " + BAD + "\u0000 HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET));
        c.add(head("non-ASCII in target", "GET " + BAD + "\u00e9 HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET));
        c.add(head("absolute URI with userinfo", "GET http://u@a" + BAD + " HTTP/1.1\r\n" + H + "\r\n", INVALID_TARGET));
        c.add(head("asterisk with GET", "GET * HTTP/1.1\r\n" + H + "\r\n", ASTERISK_FORM_NOT_OPTIONS));
        c.add(head("authority-form with GET", "GET a:80 HTTP/1.1\r\n" + H + "\r\n", AUTHORITY_FORM_NOT_CONNECT));
        c.add(head("CONNECT origin-form", "CONNECT " + BAD + " HTTP/1.1\r\n" + H + "\r\n", CONNECT_TARGET_NOT_AUTHORITY));
        // sizes
        c.add(head("request line too long (414)", "GET /" + "a".repeat(OVER_BUFFER_BYTES) + " HTTP/1.1\r\n" + H + "\r\n", REQUEST_LINE_TOO_LONG));
        c.add(head("65 headers (431)", GET + H + "X: y\r\n".repeat(64) + "\r\n", TOO_MANY_HEADERS));
        c.add(head("one header over the buffer (431)", GET + H + "X: " + "y".repeat(OVER_BUFFER_BYTES) + "\r\n\r\n", HEAD_TOO_LARGE));
        c.add(head("60 headers over the buffer (431)", GET + H + ("X: " + "y".repeat(150) + "\r\n").repeat(60) + "\r\n", HEAD_TOO_LARGE));
        addBodyCases(c);
        addSmugglingCases(c);
        return List.copyOf(c);
    }

    private static void addBodyCases(List<BadRequest> c) {
        c.add(body("chunk size with sign", CHUNKED + "+5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, ""));
        c.add(body("chunk size negative", CHUNKED + "-5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, ""));
        c.add(body("chunk size 0x", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, ""));
        c.add(body("chunk size with trailing SP", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, ""));
        c.add(body("chunk size not hex", CHUNKED + "g\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, ""));
        c.add(body("empty chunk size", CHUNKED + "\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, ""));
        c.add(body("chunk size 2^63", CHUNKED + "8000000000000000\r\nhello\r\n", CHUNK_SIZE_OVERFLOW, ""));
        c.add(body("chunk size 2^64", CHUNKED + "10000000000000000\r\nhello\r\n", CHUNK_SIZE_OVERFLOW, ""));
        c.add(body("bare LF after chunk size", CHUNKED + "5\nhello\r\n0\r\n\r\n", BARE_LF, ""));
        c.add(body("data longer than chunk size", CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n", MISSING_CHUNK_CRLF, "hello"));
        c.add(body("LF only after chunk data", CHUNKED + "5\r\nhello\n0\r\n\r\n", MISSING_CHUNK_CRLF, "hello"));
        c.add(body("bad size in second chunk", CHUNKED + "5\r\nhello\r\nzz\r\n0\r\n\r\n", INVALID_CHUNK_SIZE, "hello"));
        c.add(body("chunk extension with BWS", CHUNKED + "5; a=b\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION, ""));
        c.add(body("chunk extension over 4096 bytes", CHUNKED + "5;a=" + "b".repeat(4100) + "\r\nhello\r\n0\r\n\r\n", CHUNK_EXTENSION_TOO_LONG, ""));
        c.add(body("trailer obs-fold", CHUNKED + "5\r\nhello\r\n0\r\nX: a\r\n b\r\n\r\n", OBS_FOLD, "hello"));
        c.add(body("trailer SP before colon", CHUNKED + "5\r\nhello\r\n0\r\nX : a\r\n\r\n", WHITESPACE_IN_FIELD_NAME, "hello"));
        c.add(body("trailer NUL in name", CHUNKED + "5\r\nhello\r\n0\r\nX\u0000: a\r\n\r\n", INVALID_FIELD_NAME, "hello"));
        c.add(body("trailer NUL in value", CHUNKED + "5\r\nhello\r\n0\r\nX: a\u0000\r\n\r\n", INVALID_FIELD_VALUE, "hello"));
        c.add(body("trailer bare LF", CHUNKED + "5\r\nhello\r\n0\r\nX: a\n\r\n", BARE_LF, "hello"));
        c.add(body("trailer without colon", CHUNKED + "5\r\nhello\r\n0\r\nNoColon\r\n\r\n", FIELD_WITHOUT_COLON, "hello"));
        c.add(body("65 trailers", CHUNKED + "5\r\nhello\r\n0\r\n" + "X: a\r\n".repeat(65) + "\r\n", TOO_MANY_TRAILERS, "hello"));
        c.add(body("trailer over 8 KiB", CHUNKED + "5\r\nhello\r\n0\r\nX: " + "a".repeat(OVER_BUFFER_BYTES) + "\r\n\r\n", TRAILER_TOO_LARGE, "hello"));
    }

    private static void addSmugglingCases(List<BadRequest> c) {
        c.add(head("CL.TE classic", POST + "Content-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nSMUGGLED", CONTENT_LENGTH_WITH_TRANSFER_ENCODING));
        c.add(head("TE.CL classic", POST + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n", CONTENT_LENGTH_WITH_TRANSFER_ENCODING));
        c.add(head("TE.TE 'Transfer-Encoding : chunked'", POST + "Content-Length: 4\r\nTransfer-Encoding : chunked\r\n\r\n5c\r\n", WHITESPACE_IN_FIELD_NAME));
        c.add(head("TE.TE 'Transfer-Encoding: xchunked'", POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(head("TE.TE chunked then 'x'", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(head("TE.TE chunked then 'x', with CL", POST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n5c\r\n", CONTENT_LENGTH_WITH_TRANSFER_ENCODING));
        c.add(head("TE.TE with VT before chunked", POST + "Transfer-Encoding:\u000bchunked\r\n\r\n0\r\n\r\n", INVALID_FIELD_VALUE));
        c.add(head("TE.TE folded onto next line", POST + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", OBS_FOLD));
        c.add(head("TE.TE bare LF before TE", POST + "X: y\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", BARE_LF));
        c.add(head("CL.CL 'Content-Length : 0'", POST + "Content-Length: 5\r\nContent-Length : 0\r\n\r\nhello", WHITESPACE_IN_FIELD_NAME));
        c.add(pipelined("pipelined GET then no Host", GOOD_GET + GET + "\r\n", MISSING_HOST));
        c.add(pipelined("pipelined GET then CL.TE", GOOD_GET + POST + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", CONTENT_LENGTH_WITH_TRANSFER_ENCODING));
        c.add(pipelined("pipelined GET then 'Transfer-Encoding : chunked'", GOOD_GET + POST + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", WHITESPACE_IN_FIELD_NAME));
        c.add(pipelined("pipelined GET then chunked + 'x'", GOOD_GET + POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(pipelined("pipelined GET then bare LF", GOOD_GET + "GET " + BAD + " HTTP/1.1\n" + H + "\r\n", BARE_LF));
        c.add(pipelined("pipelined GET then HTTP/0.9", GOOD_GET + "GET " + BAD + "\r\n\r\n", MISSING_VERSION));
        c.add(pipelined("pipelined CL POST then xchunked", "POST " + BadRequest.GOOD_PATH + " HTTP/1.1\r\n" + H
                + "Content-Length: 5\r\n\r\nhello" + POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", CHUNKED_NOT_FINAL));
        c.add(pipelined("pipelined chunked POST then obs-fold", CHUNKED + "5\r\nhello\r\n0\r\n\r\n" + GET + H + "X: a\r\n b\r\n\r\n", OBS_FOLD));
    }
}
