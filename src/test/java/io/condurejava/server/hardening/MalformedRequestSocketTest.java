package io.condurejava.server.hardening;

import io.condurejava.http1.Violation;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.condurejava.server.hardening.HandlerSide.WAIT;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #3: every malformed, ambiguous or smuggling request of {@link BadRequestTable}, written as raw
 * bytes to a real in-process server with a real JeroMQ handler over ipc://. The client must read the
 * rule's status (and its description as the body), then the connection must close; the handler must
 * see nothing of a bad head (checked with a sentinel request on a new connection that must be the very
 * next thing it receives), only the head and a cancel for a bad body, and only the first request of a
 * pipelined good+bad write. One server and one handler serve all cases (test thread only).
 */
class MalformedRequestSocketTest {
    private static final String ERROR_HEAD_START = "HTTP/1.1 ";
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

    static List<BadRequest> cases() {
        return BadRequestTable.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithItsStatusAndClosedAndNothingReachesTheHandler(BadRequest c) throws Exception {
        try {
            check(c);
        } catch (AssertionError | IOException e) {
            HandlerSide.drain(handler); // so that one leak does not fail the cases after it
            throw new AssertionError(c.name() + ": " + e.getMessage(), e);
        }
    }

    private static void check(BadRequest c) throws IOException {
        try (RawClient client = fixture.connect()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            client.send(c.raw());
            switch (c.stage()) {
                case HEAD -> { }
                case BODY -> {
                    String id = HandlerSide.nextRequest(handler, BadRequest.GOOD_PATH).id();
                    assertEquals(c.bodyBefore(), HandlerSide.bodyUntilCancel(handler, id),
                            "body bytes the handler got before the cancel");
                }
                case PIPELINED -> {
                    TestHandler.Received first = HandlerSide.nextRequest(handler, BadRequest.GOOD_PATH);
                    if (((Data) first.payload()).more()) {
                        assertEquals("hello", HandlerSide.readBody(handler, first.id()));
                    }
                    HandlerSide.respond(handler, first.id(), "first");
                    RawClient.Response answered = client.readResponse();
                    assertEquals(200, answered.status(), "the good first request is answered");
                    assertEquals("first", answered.bodyText());
                }
            }
            assertRejected(client, c.rule());
        }
        HandlerSide.assertSentinelArrivesFirst(handler, fixture.port(), c.name());
    }

    private static void assertRejected(RawClient client, Violation rule) throws IOException {
        RawClient.Response response = client.readResponse();
        assertEquals(rule.status(), response.status(), "status for " + rule + "; head:\n" + response.rawHead());
        assertTrue(response.rawHead().startsWith(ERROR_HEAD_START + rule.status() + " "), response.rawHead());
        assertEquals("close", response.header("connection"));
        assertEquals(rule.description() + "\n", response.bodyText(), "the body names the rule");
        assertTrue(client.isClosedByServer(), "the server closes the connection after the rejection");
    }

    @Test
    void tableIsLargeAndReachesEveryRuleOverTheSocket() {
        List<BadRequest> all = cases();
        assertTrue(all.size() >= 60, "cases: " + all.size());
        Set<String> names = all.stream().map(BadRequest::name).collect(Collectors.toSet());
        assertEquals(all.size(), names.size(), "case names are unique");
        EnumSet<Violation> seen = EnumSet.noneOf(Violation.class);
        all.forEach(c -> seen.add(c.rule()));
        assertEquals(EnumSet.allOf(Violation.class), seen, "every rule is exercised end to end");
    }

    @Test
    void bodyThatLooksLikeARequestIsJustBody() throws Exception {
        String inner = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        try (RawClient client = fixture.connect()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            client.send("POST " + BadRequest.GOOD_PATH + " HTTP/1.1\r\nHost: a\r\nContent-Length: " + inner.length()
                    + "\r\n\r\n" + inner);
            TestHandler.Received r = HandlerSide.nextRequest(handler, BadRequest.GOOD_PATH);
            assertEquals(inner, HandlerSide.readBody(handler, r.id()));
            HandlerSide.respond(handler, r.id(), "one");
            assertEquals("one", client.readResponse().bodyText());
        }
        HandlerSide.assertSentinelArrivesFirst(handler, fixture.port(), "body that looks like a request");
    }

    @Test
    void identicalContentLengthsAreFoldedAndTheRequestGoesThrough() throws Exception {
        try (RawClient client = fixture.connect()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            client.send("POST " + BadRequest.GOOD_PATH + " HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                    + "Content-Length: 5, 5\r\n\r\nhello");
            TestHandler.Received r = HandlerSide.nextRequest(handler, BadRequest.GOOD_PATH);
            assertInstanceOf(Data.class, r.payload());
            assertEquals("hello", HandlerSide.readBody(handler, r.id()));
            HandlerSide.respond(handler, r.id(), "folded");
            assertEquals("folded", client.readResponse().bodyText());
        }
        HandlerSide.assertSentinelArrivesFirst(handler, fixture.port(), "folded Content-Length");
    }

    @Test
    void badChunkAfterTheResponseStartedEndsTheResponseUnfinishedWithoutA400() throws Exception {
        try (RawClient client = fixture.connect()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            client.send("POST " + BadRequest.GOOD_PATH + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n");
            String id = HandlerSide.nextRequest(handler, BadRequest.GOOD_PATH).id();
            handler.send(id, new Credit(HandlerSide.BODY_CREDITS));
            Data piece = assertInstanceOf(Data.class, handler.expect(WAIT).payload());
            assertEquals("hello", new String(piece.body(), ISO_8859_1));
            handler.send(id, Data.response(200, "OK", List.of(), "partial".getBytes(ISO_8859_1), true, 0));
            assertEquals("HTTP/1.1 200 OK", client.readLine());
            String line;
            while (!(line = client.readLine()).isEmpty()) {
                assertTrue(line.contains(":"), "header line: " + line);
            }
            assertEquals("7", client.readLine());
            assertEquals("partial", client.readLine());
            client.send("zz\r\n"); // a bad chunk size while the response is under way
            handler.expect(Cancel.class, WAIT); // after the credit for "partial"
            String rest = new String(client.readToEnd(), ISO_8859_1);
            assertEquals("", rest, "no 400 inside the response and no last chunk: the client sees it unfinished");
            assertTrue(client.isClosedByServer(), "closed, not timed out");
        }
        HandlerSide.assertSentinelArrivesFirst(handler, fixture.port(), "bad chunk after the response started");
    }
}
