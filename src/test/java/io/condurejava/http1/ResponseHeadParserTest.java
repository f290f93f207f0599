package io.condurejava.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Origin response heads (client mode): strict status line and field lines, and body framing. */
class ResponseHeadParserTest {
    private static final int BUFFER = 256;

    private static HttpInput input(String wire) {
        return new HttpInput(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), BUFFER);
    }

    private static IncomingResponseHead parse(String wire) throws IOException {
        return ResponseHeadParser.read(input(wire), BUFFER, 8);
    }

    @Test
    void parsesHeadAndLeavesBodyInInput() throws IOException {
        HttpInput in = input("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-A:  b \r\n\r\nbody");
        IncomingResponseHead head = ResponseHeadParser.read(in, BUFFER, 8);
        assertEquals(HttpVersion.HTTP_1_1, head.version());
        assertEquals(200, head.code());
        assertEquals("OK", head.reason());
        assertEquals(List.of(new HttpHeader("Content-Type", "text/plain"), new HttpHeader("X-A", "b")), head.headers());
        assertEquals("body", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void reasonMayBeEmptyOrAbsent() throws IOException {
        assertEquals("", parse("HTTP/1.0 204 \r\n\r\n").reason());
        assertEquals("", parse("HTTP/1.1 404\r\n\r\n").reason());
        assertEquals("Not  Found\tx", parse("HTTP/1.1 404 Not  Found\tx\r\n\r\n").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\nA: b\r\n\r\n",          // bare LF
        "HTTP/2.0 200 OK\r\n\r\n",                // unsupported version
        "HTTP/1.1 20 OK\r\n\r\n",                 // two digits
        "HTTP/1.1 2000 OK\r\n\r\n",               // four digits
        "HTTP/1.1 099 OK\r\n\r\n",                // below 100
        "HTTP/1.1 600 OK\r\n\r\n",                // above 599
        "HTTP/1.1  200 OK\r\n\r\n",               // two spaces
        "http/1.1 200 OK\r\n\r\n",                // lower-case name
        "HTTP/1.1 200 O\u0001K\r\n\r\n",          // control in reason
        "HTTP/1.1 200 OK\r\n folded\r\n\r\n",     // obs-fold
        "HTTP/1.1 200 OK\r\nNo colon\r\n\r\n",    // field without colon
        "HTTP/1.1 200 OK\r\nA : b\r\n\r\n",       // whitespace before colon
        "HTTP/1.1 200 OK\r\nA: b\u0000c\r\n\r\n", // NUL in value
        "ICY 200 OK\r\n\r\n"})
    void rejectsMalformedHeads(String wire) {
        assertThrows(MalformedResponseException.class, () -> parse(wire));
    }

    @Test
    void boundsHeadSizeAndFieldCount() {
        String big = "HTTP/1.1 200 OK\r\nA: " + "x".repeat(BUFFER) + "\r\n\r\n";
        assertThrows(MalformedResponseException.class, () -> parse(big));
        StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 9; i++) {
            many.append("H").append(i).append(": v\r\n");
        }
        assertThrows(MalformedResponseException.class, () -> parse(many.append("\r\n").toString()));
    }

    @Test
    void truncatedHeadIsEof() {
        assertThrows(EOFException.class, () -> parse("HTTP/1.1 200 OK\r\nA: b\r\n"));
        assertThrows(EOFException.class, () -> parse(""));
    }

    @Test
    void interimHeads() throws IOException {
        assertTrue(parse("HTTP/1.1 100 Continue\r\n\r\n").isInterim());
        assertTrue(!parse("HTTP/1.1 101 Switching Protocols\r\n\r\n").isInterim());
    }

    @Test
    void framingFollowsRfc9112Section6_3() throws IOException {
        assertEquals(ResponseBodyFraming.Kind.NO_BODY, parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n").framing("HEAD").kind());
        assertEquals(ResponseBodyFraming.Kind.NO_BODY, parse("HTTP/1.1 204 No Content\r\n\r\n").framing("GET").kind());
        assertEquals(ResponseBodyFraming.Kind.NO_BODY, parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n").framing("GET").kind());
        assertEquals(new ResponseBodyFraming(ResponseBodyFraming.Kind.CONTENT_LENGTH, 5),
                parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n").framing("GET"));
        assertEquals(ResponseBodyFraming.Kind.CHUNKED, parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n").framing("GET").kind());
        assertEquals(ResponseBodyFraming.Kind.UNTIL_CLOSE, parse("HTTP/1.0 200 OK\r\n\r\n").framing("GET").kind());
        assertEquals(ResponseBodyFraming.Kind.UNTIL_CLOSE, parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n").framing("GET").kind());
        assertThrows(MalformedResponseException.class,
                () -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n").framing("GET"));
        assertThrows(MalformedResponseException.class,
                () -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").framing("GET"));
        assertThrows(MalformedResponseException.class,
                () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n").framing("GET"));
        assertThrows(MalformedResponseException.class,
                () -> parse("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n").framing("GET"));
    }
}
