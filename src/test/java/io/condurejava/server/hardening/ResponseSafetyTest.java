package io.condurejava.server.hardening;

import io.condurejava.http1.HttpHeader;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.condurejava.server.hardening.HandlerSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #3: a handler that misbehaves cannot make the server write an unsafe or mis-framed response.
 * A head that cannot be written safely (header name not a token, CR/LF/NUL in a value or the reason,
 * status outside 100–599, conflicting or invalid Content-Length, a 1xx to an HTTP/1.0 client) becomes
 * an exact 502 and a close; a body that does not match the handler's Content-Length is cut or ends the
 * connection; the handler's framing headers are replaced by the server's own; HEAD, 204 and 304 never
 * carry a body. One server and one real JeroMQ handler for all tests (test thread only).
 */
class ResponseSafetyTest {
    private static final String BAD_GATEWAY_TEXT = "The handler's response could not be used.\n";
    private static final String BAD_GATEWAY_HEAD = "HTTP/1.1 502 Bad Gateway\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: " + BAD_GATEWAY_TEXT.length() + "\r\n"
            + "Connection: close\r\n\r\n";
    private static final String EVIL = "evil";
    private static ServerFixture fixture;
    private static TestHandler handler;

    @BeforeAll
    static void start() throws Exception {
        fixture = ServerFixture.start();
        handler = fixture.newHandler();
    }

    @AfterAll
    static void stop() throws Exception {
        if (handler != null) {
            handler.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A client connection whose request the handler has received as session {@code id}. */
    private record Open(RawClient client, String id) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    private static Open open(String requestLine) throws IOException {
        RawClient client = fixture.connect();
        client.socket().setSoTimeout((int) WAIT.toMillis());
        String path = requestLine.split(" ")[1];
        client.send(requestLine + "\r\nHost: h\r\n\r\n");
        return new Open(client, HandlerSide.awaitRequest(handler, path).id());
    }

    private static List<HttpHeader> headers(String... namesAndValues) {
        List<HttpHeader> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new HttpHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
        return list;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first message of an unusable response: status, reason and headers as the handler sent them. */
    record UnsafeHead(int code, String reason, List<HttpHeader> headers) {
    }

    private static Arguments unsafe(String name, int code, String reason, String... namesAndValues) {
        return Arguments.of(Named.of(name, new UnsafeHead(code, reason, headers(namesAndValues))));
    }

    static Stream<Arguments> unsafeHeads() {
        return Stream.of(
                unsafe("header name with space", 200, "OK", "Bad Name", "x"),
                unsafe("header name with colon", 200, "OK", "X:Y", "x"),
                unsafe("header name with CR", 200, "OK", "X\rSet-Cookie", EVIL),
                unsafe("header name with LF", 200, "OK", "X\nSet-Cookie", EVIL),
                unsafe("empty header name", 200, "OK", "", "x"),
                unsafe("header value with CRLF (response splitting)", 200, "OK", "X", "x\r\nSet-Cookie: " + EVIL),
                unsafe("header value with LF", 200, "OK", "X", "x\nSet-Cookie: " + EVIL),
                unsafe("header value with CR", 200, "OK", "X", "x\rSet-Cookie: " + EVIL),
                unsafe("header value with NUL", 200, "OK", "X", "x\u0000" + EVIL),
                unsafe("header value with DEL", 200, "OK", "X", "x\u007f" + EVIL),
                unsafe("status 99", 99, "OK"),
                unsafe("status 600", 600, "OK"),
                unsafe("status 0", 0, "OK"),
                unsafe("no status", -1, "OK"),
                unsafe("reason with CRLF", 200, "OK\r\nSet-Cookie: " + EVIL),
                unsafe("reason with LF", 200, "OK\nSet-Cookie: " + EVIL),
                unsafe("reason with NUL", 200, "OK\u0000" + EVIL),
                unsafe("Content-Length lines 5 and 6", 200, "OK", "Content-Length", "5", "Content-Length", "6"),
                unsafe("Content-Length list 5, 6", 200, "OK", "Content-Length", "5, 6"),
                unsafe("Content-Length not a number", 200, "OK", "Content-Length", EVIL),
                unsafe("Content-Length negative", 200, "OK", "Content-Length", "-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeHeads")
    void unsafeHeadGetsAnExact502AndTheConnectionCloses(UnsafeHead head) throws Exception {
        try (Open o = open("GET /unsafe HTTP/1.1")) {
            handler.send(o.id(), Data.response(head.code(), head.reason(), head.headers(), bytes(EVIL + " body"), false, 0));
            assertBadGatewayThenClose(o.client());
        }
    }

    @Test
    void informationalResponseIsNotSentToAnHttp10Client() throws Exception {
        try (Open o = open("GET /early-hints HTTP/1.0")) {
            handler.send(o.id(), Data.response(103, "Early Hints", headers("Link", "</a.css>; rel=preload"), new byte[0], false, 0));
            handler.send(o.id(), Data.response(200, "OK", List.of(), bytes("final"), false, 0));
            RawClient.Response response = o.client().readResponse();
            assertEquals("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n", response.rawHead(), "the 103 is dropped (RFC 9110 §15.2)");
            assertEquals("final", response.bodyText());
        }
    }

    @Test
    void informationalResponseThenTheFinalOneForHttp11() throws Exception {
        try (Open o = open("GET /early-hints HTTP/1.1")) {
            handler.send(o.id(), Data.response(103, "Early Hints", headers("Link", "</a.css>; rel=preload"), new byte[0], false, 0));
            handler.send(o.id(), Data.response(200, "OK", List.of(), bytes("final"), false, 0));
            RawClient.Response interim = o.client().readResponse();
            assertEquals("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n", interim.rawHead());
            RawClient.Response response = o.client().readResponse();
            assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", response.rawHead());
            assertEquals("final", response.bodyText());
        }
    }

    private static void assertBadGatewayThenClose(RawClient client) throws IOException {
        RawClient.Response response = client.readResponse();
        assertEquals(BAD_GATEWAY_HEAD, response.rawHead());
        assertEquals(BAD_GATEWAY_TEXT, response.bodyText());
        assertTrue(client.isClosedByServer(), "closed after the 502");
        assertFalse(response.rawHead().contains(EVIL) || response.bodyText().contains(EVIL));
    }

    @ParameterizedTest(name = "streamed={0}")
    @ValueSource(booleans = {false, true})
    void bodyLongerThanTheHandlersContentLengthIsCutThenTheConnectionCloses(boolean streamed) throws Exception {
        try (Open o = open("GET /too-long HTTP/1.1")) {
            List<HttpHeader> cl = headers("Content-Length", "5");
            if (streamed) {
                handler.send(o.id(), Data.response(200, "OK", cl, bytes("hel"), true, 0));
                handler.send(o.id(), Data.body(bytes("lo, and more: HTTP/1.1 200 OK"), false));
            } else {
                handler.send(o.id(), Data.response(200, "OK", cl, bytes("hello, and more: HTTP/1.1 200 OK"), false, 0));
            }
            RawClient.Response response = o.client().readResponse();
            assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", response.rawHead());
            assertEquals("hello", response.bodyText());
            assertTrue(o.client().isClosedByServer(), "nothing after the declared length, then the close");
        }
    }

    @ParameterizedTest(name = "streamed={0}")
    @ValueSource(booleans = {false, true})
    void bodyShorterThanTheHandlersContentLengthEndsWithTheClose(boolean streamed) throws Exception {
        try (Open o = open("GET /too-short HTTP/1.1")) {
            List<HttpHeader> cl = headers("Content-Length", "10");
            if (streamed) {
                handler.send(o.id(), Data.response(200, "OK", cl, bytes("hel"), true, 0));
                handler.send(o.id(), Data.body(bytes("lo"), false));
            } else {
                handler.send(o.id(), Data.response(200, "OK", cl, bytes("hello"), false, 0));
            }
            RawClient.Response response = o.client().readResponse(); // reads up to 10 bytes or EOF
            assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", response.rawHead());
            assertEquals("hello", response.bodyText());
            assertTrue(o.client().isClosedByServer(), "the short body is followed by EOF");
        }
    }

    @Test
    void handlerFramingHeadersAreReplacedByOurChunkingAndItsCloseDoesNotClose() throws Exception {
        try (Open o = open("GET /streamed HTTP/1.1")) {
            handler.send(o.id(), Data.response(200, "OK", headers("X-A", "1", "Transfer-Encoding", "chunked",
                    "Connection", "close", "Content-Type", "text/plain"), bytes("abc"), true, 0));
            handler.send(o.id(), Data.body(bytes("def"), false));
            assertEquals("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Type: text/plain\r\nConnection: Transfer-Encoding\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n", readHead(o.client()));
            for (String expected : List.of("3", "abc", "3", "def", "0", "")) {
                assertEquals(expected, o.client().readLine(), "chunked body, line by line");
            }
            assertNextRequestOnTheSameConnectionWorks(o.client());
        }
    }

    @Test
    void handlerContentLengthIsFoldedAndItsTransferEncodingAndCloseAreDropped() throws Exception {
        try (Open o = open("GET /complete HTTP/1.1")) {
            handler.send(o.id(), Data.response(200, "OK", headers("Content-Length", "5, 5", "Transfer-Encoding", "chunked",
                    "Connection", "close"), bytes("hello"), false, 0));
            RawClient.Response response = o.client().readResponse();
            assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", response.rawHead());
            assertEquals("hello", response.bodyText());
            assertNextRequestOnTheSameConnectionWorks(o.client());
        }
    }

    static Stream<Arguments> bodylessResponses() {
        return Stream.of(
                Arguments.of("HEAD", 200, "OK", false, "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"),
                Arguments.of("HEAD", 200, "OK", true, "HTTP/1.1 200 OK\r\n\r\n"),
                Arguments.of("GET", 204, "No Content", false, "HTTP/1.1 204 No Content\r\n\r\n"),
                Arguments.of("GET", 204, "No Content", true, "HTTP/1.1 204 No Content\r\n\r\n"),
                Arguments.of("GET", 304, "Not Modified", false, "HTTP/1.1 304 Not Modified\r\n\r\n"),
                Arguments.of("GET", 304, "Not Modified", true, "HTTP/1.1 304 Not Modified\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0} {1} streamed={3}")
    @MethodSource("bodylessResponses")
    void bodyIsNeverSentForHead204And304(String method, int code, String reason, boolean streamed, String expectedHead)
            throws Exception {
        try (Open o = open(method + " /bodyless HTTP/1.1")) {
            if (streamed) {
                handler.send(o.id(), Data.response(code, reason, List.of(), bytes("leaked-"), true, 0));
                handler.send(o.id(), Data.body(bytes("body"), false));
            } else {
                handler.send(o.id(), Data.response(code, reason, List.of(), bytes("leaked-body"), false, 0));
            }
            assertEquals(expectedHead, readHead(o.client()));
            assertNextRequestOnTheSameConnectionWorks(o.client()); // would start with "leaked-body" otherwise
        }
    }

    /** Reads a response head line by line, exactly as sent (CRLF restored; bare LFs would show up as CRLF). */
    private static String readHead(RawClient client) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        do {
            line = client.readLine();
            assertTrue(line != null, "connection closed in the response head: " + head);
            head.append(line).append("\r\n");
        } while (!line.isEmpty());
        return head.toString();
    }

    private static void assertNextRequestOnTheSameConnectionWorks(RawClient client) throws IOException {
        client.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n");
        String id = HandlerSide.awaitRequest(handler, "/after").id();
        HandlerSide.respond(handler, id, "after");
        RawClient.Response response = client.readResponse();
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", response.rawHead(),
                "the connection stays usable and nothing was left in it");
        assertEquals("after", response.bodyText());
    }

    @Test
    void streamPastTheHandlersContentLengthClosesWithoutWaitingForItsEnd() throws Exception {
        try (Open o = open("GET /overflow-open HTTP/1.1")) {
            handler.send(o.id(), Data.response(200, "OK", headers("Content-Length", "5"), bytes("hello"), true, 0));
            handler.send(o.id(), Data.body(bytes("HTTP/1.1 200 OK"), true)); // and the handler never ends
            RawClient.Response response = o.client().readResponse();
            assertEquals("hello", response.bodyText());
            assertTrue(o.client().isClosedByServer(), "closed once the body went past its length");
        }
    }

    @Test
    void earlyResponseAnnouncesTheClose() throws Exception {
        try (RawClient client = fixture.connect()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            client.send("POST /early HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello");
            String id = HandlerSide.awaitRequest(handler, "/early").id();
            handler.send(id, Data.response(200, "OK", List.of(), bytes("early"), false, 0));
            RawClient.Response response = client.readResponse();
            // reference §3.4: the body is not read any further, so the response says the connection ends
            assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\n", response.rawHead());
            assertEquals("early", response.bodyText());
            assertTrue(client.isClosedByServer());
        }
    }
}
