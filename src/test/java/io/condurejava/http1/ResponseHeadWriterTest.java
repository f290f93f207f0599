package io.condurejava.http1;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.condurejava.http1.ResponseFramingKind.*;
import static io.condurejava.http1.Wire.text;
import static org.junit.jupiter.api.Assertions.*;

/** Response head rewriting and framing decisions, byte-exact where the reference gives bytes. */
class ResponseHeadWriterTest {
    private static final List<HttpHeader> TEXT = List.of(new HttpHeader("Content-Type", "text/plain"));

    private static RequestHead request(String method, HttpVersion version, HttpHeader... headers) {
        return new RequestHead(method, "/", version, List.of(headers));
    }

    private static final RequestHead GET11 = request("GET", HttpVersion.HTTP_1_1, new HttpHeader("Host", "a"));
    private static final RequestHead GET10 = request("GET", HttpVersion.HTTP_1_0);

    private static ResponseHead build(RequestHead req, boolean persistent, int code, String reason,
                                      List<HttpHeader> headers, long complete) throws BadResponseException {
        return ResponseHeadWriter.build(req, persistent, code, reason, headers, complete);
    }

    @Test
    void referenceExampleOneMessageResponse() throws Exception {
        ResponseHead h = build(GET11, true, 200, "OK", TEXT, 12);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\n", text(h.bytes()));
        assertEquals(CONTENT_LENGTH, h.framing());
        assertEquals(12, h.contentLength());
        assertTrue(h.persistent());
    }

    @Test
    void referenceExampleChunkedResponse() throws Exception {
        ResponseHead h = build(GET11, true, 200, "OK", TEXT, -1);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n",
                text(h.bytes()));
        assertEquals(CHUNKED, h.framing());
        assertEquals(-1, h.contentLength());
        assertTrue(h.persistent());
    }

    @Test
    void referenceExampleWebSocketAcceptKeepsConnection() throws Exception {
        ResponseHead h = build(GET11, true, 101, "Switching Protocols", List.of(new HttpHeader("Upgrade", "websocket"),
                new HttpHeader("Connection", "Upgrade"), new HttpHeader("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")), 0);
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", text(h.bytes()));
        assertEquals(NO_BODY, h.framing());
    }

    @Test
    void handlerFramingAndConnectionHeadersAreDroppedInOrderOthersKept() throws Exception {
        ResponseHead h = build(GET11, true, 200, "OK", List.of(new HttpHeader("X-A", "1"), new HttpHeader("connection", "close"),
                new HttpHeader("Transfer-Encoding", "gzip"), new HttpHeader("X-B", "2"), new HttpHeader("X-A", "3")), 2);
        assertEquals("HTTP/1.1 200 OK\r\nX-A: 1\r\nX-B: 2\r\nX-A: 3\r\nContent-Length: 2\r\n\r\n", text(h.bytes()));
        assertTrue(h.persistent(), "the handler cannot force a close");
    }

    @Test
    void handlerContentLengthWinsOverBodyLengthAndIsNotChecked() throws Exception {
        ResponseHead h = build(GET11, true, 200, "OK", List.of(new HttpHeader("content-length", "999")), 5);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n", text(h.bytes()));
        assertEquals(999, h.contentLength());
        ResponseHead streamed = build(GET11, true, 200, "OK",
                List.of(new HttpHeader("Content-Length", "7"), new HttpHeader("Content-Length", "7, 7")), -1);
        assertEquals(CONTENT_LENGTH, streamed.framing());
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n", text(streamed.bytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "+1", "1 2", "", "0x10", "99999999999999999999"})
    void invalidHandlerContentLengthIsABadResponse(String value) {
        assertThrows(BadResponseException.class,
                () -> build(GET11, true, 200, "OK", List.of(new HttpHeader("Content-Length", value)), 0));
    }

    @Test
    void differingHandlerContentLengthsAreABadResponse() {
        BadResponseException e = assertThrows(BadResponseException.class, () -> build(GET11, true, 200, "OK",
                List.of(new HttpHeader("Content-Length", "5"), new HttpHeader("Content-Length", "6")), 5));
        assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
    }

    @Test
    void http10PersistentGetsKeepAlive() throws Exception {
        ResponseHead h = build(GET10, true, 200, "OK", List.of(), 2);
        assertEquals("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n", text(h.bytes()));
        assertTrue(h.persistent());
        ResponseHead closing = build(GET10, false, 200, "OK", List.of(), 2);
        assertEquals("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n", text(closing.bytes()));
        assertFalse(closing.persistent());
    }

    @Test
    void http11NotPersistentGetsClose() throws Exception {
        ResponseHead h = build(GET11, false, 200, "OK", List.of(), 0);
        assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", text(h.bytes()));
        assertFalse(h.persistent());
        ResponseHead chunked = build(GET11, false, 200, "OK", List.of(), -1);
        assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n",
                text(chunked.bytes()));
    }

    @Test
    void http10StreamingIsUntilCloseAndNotPersistentEvenWithKeepAlive() throws Exception {
        ResponseHead h = build(GET10, true, 200, "OK", List.of(new HttpHeader("Content-Type", "text/plain")), -1);
        assertEquals("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", text(h.bytes()));
        assertEquals(UNTIL_CLOSE, h.framing());
        assertFalse(h.persistent());
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304, 102, 103})
    void bodylessStatusesHaveNoContentLength(int code) throws Exception {
        ResponseHead h = build(GET11, true, code, "R", List.of(new HttpHeader("Content-Length", "10"), new HttpHeader("ETag", "x")), 10);
        assertEquals("HTTP/1.1 " + code + " R\r\nETag: x\r\n\r\n", text(h.bytes()));
        assertEquals(NO_BODY, h.framing());
        assertEquals(0, h.contentLength());
        assertTrue(h.persistent());
        ResponseHead streamed = build(GET11, true, code, "R", List.of(), -1);
        assertEquals("HTTP/1.1 " + code + " R\r\n\r\n", text(streamed.bytes()));
    }

    @Test
    void headGetsContentLengthLineButNoBody() throws Exception {
        RequestHead head = request("HEAD", HttpVersion.HTTP_1_1, new HttpHeader("Host", "a"));
        ResponseHead declared = build(head, true, 200, "OK", List.of(new HttpHeader("Content-Length", "1234")), 0);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", text(declared.bytes()));
        assertEquals(NO_BODY, declared.framing());
        assertEquals(0, declared.contentLength());
        ResponseHead complete = build(head, true, 200, "OK", List.of(), 0);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", text(complete.bytes()));
        ResponseHead streaming = build(head, true, 200, "OK", List.of(), -1);
        assertEquals("HTTP/1.1 200 OK\r\n\r\n", text(streaming.bytes()));
        assertEquals(NO_BODY, streaming.framing());
        assertTrue(streaming.persistent());
        ResponseHead http10 = build(request("HEAD", HttpVersion.HTTP_1_0), true, 200, "OK", List.of(), -1);
        assertEquals("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n", text(http10.bytes()));
        assertTrue(http10.persistent());
    }

    @Test
    void informationalTo10IsBadExcept101() throws Exception {
        assertThrows(BadResponseException.class, () -> build(GET10, true, 100, "Continue", List.of(), 0));
        assertThrows(BadResponseException.class, () -> build(GET10, true, 103, "Early Hints", List.of(), 0));
        assertEquals(NO_BODY, build(GET10, true, 101, "Switching Protocols", List.of(), 0).framing());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 99, 600, 1000})
    void statusOutOfRangeIsBad(int code) {
        assertThrows(BadResponseException.class, () -> build(GET11, true, code, "X", List.of(), 0));
    }

    @Test
    void statusBoundsAreAccepted() throws Exception {
        assertTrue(text(build(GET11, true, 100, "Continue", List.of(), 0).bytes()).startsWith("HTTP/1.1 100 Continue\r\n"));
        assertTrue(text(build(GET11, true, 599, "X", List.of(), 0).bytes()).startsWith("HTTP/1.1 599 X\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"O\rK", "O\nK", "O\u0000K", "O\u0001K", "O\u007fK", "OK\r\nX-Injected: 1"})
    void reasonWithControlCharactersIsBad(String reason) {
        assertThrows(BadResponseException.class, () -> build(GET11, true, 200, reason, List.of(), 0));
    }

    @Test
    void reasonMayBeEmptyOrHaveTabsAndNonAsciiAsUtf8() throws Exception {
        assertTrue(text(build(GET11, true, 200, "", List.of(), 0).bytes()).startsWith("HTTP/1.1 200 \r\n"));
        assertTrue(text(build(GET11, true, 200, null, List.of(), 0).bytes()).startsWith("HTTP/1.1 200 \r\n"));
        assertTrue(text(build(GET11, true, 200, "A\tB", List.of(), 0).bytes()).startsWith("HTTP/1.1 200 A\tB\r\n"));
        byte[] b = build(GET11, true, 200, "caf\u00e9", List.of(), 0).bytes();
        assertTrue(text(b).startsWith("HTTP/1.1 200 caf\u00c3\u00a9\r\n"), text(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Y", "X:Y", "X\r\nY", "X\u00e9", "(x)"})
    void headerNameThatIsNotATokenIsBad(String name) {
        assertThrows(BadResponseException.class, () -> build(GET11, true, 200, "OK", List.of(new HttpHeader(name, "v")), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nSet-Cookie: x", "a\u0000b", "a\u007fb", "a\u0100b", "\u20ac"})
    void headerValueWithForbiddenCharactersIsBad(String value) {
        assertThrows(BadResponseException.class, () -> build(GET11, true, 200, "OK", List.of(new HttpHeader("X", value)), 0));
    }

    @Test
    void headerValueMayHaveTabsAndLatin1() throws Exception {
        ResponseHead h = build(GET11, true, 200, "OK", List.of(new HttpHeader("X", "a\tb caf\u00e9")), 0);
        byte[] b = h.bytes();
        assertTrue(text(b).contains("X: a\tb caf\u00e9\r\n"));
        assertEquals(b.length, text(b).length(), "one byte per char");
    }

    @Test
    void persistenceRules() {
        assertTrue(ResponseHeadWriter.isPersistent(GET11));
        assertFalse(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_1, new HttpHeader("Connection", "close"))));
        assertFalse(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_1, new HttpHeader("connection", "Close"))),
                "stricter than Condure: tokens are case-insensitive");
        assertFalse(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_1,
                new HttpHeader("Connection", "keep-alive"), new HttpHeader("Connection", "Upgrade ,\tclose"))));
        assertTrue(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_1, new HttpHeader("Connection", "closed, x-close"))));
        assertFalse(ResponseHeadWriter.isPersistent(GET10));
        assertTrue(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_0, new HttpHeader("Connection", "Keep-Alive"))));
        assertTrue(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_0, new HttpHeader("Connection", "foo, keep-alive"))));
        assertFalse(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_0, new HttpHeader("Connection", "keep-alive, close"))));
        assertFalse(ResponseHeadWriter.isPersistent(request("GET", HttpVersion.HTTP_1_0, new HttpHeader("Keep-Alive", "timeout=5"))));
    }
}
