package io.condurejava.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Data;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session thread reads request heads itself until reading must go on beside an exchange: keep-alive
 * GETs answered in one handler message run on one thread; a body, an upgrade or a response that goes on
 * after the handler's first message brings in the reader thread; the session timeout and a stop still
 * end a connection that waits for its next request.
 */
class InlineReadingTest {
    private ServerFixture fixture;

    @AfterEach
    void noLeaks() throws Exception {
        if (fixture != null) {
            fixture.awaitNothingLive();
            fixture.close();
        }
    }

    @Test
    void keepAliveGetsAnsweredInOneMessageRunOnOneThread() throws Exception {
        fixture = ServerFixture.start();
        try (AutoHandler handler = new AutoHandler(fixture.base());
             RawClient client = fixture.connect()) {
            for (int i = 0; i < 3; i++) {
                client.send("GET /one/" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("hello http://h/one/" + i, client.readResponse().bodyText());
            }
            assertEquals(1, fixture.server().liveConnectionThreads(), "no reader thread for bodiless requests");
        }
    }

    @Test
    void aBodyBringsInTheReaderAndTheConnectionGoesOn() throws Exception {
        fixture = ServerFixture.start();
        try (AutoHandler handler = new AutoHandler(fixture.base());
             RawClient client = fixture.connect()) {
            client.send("GET /before HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("hello http://h/before", client.readResponse().bodyText());
            postHelloReadByTheReader(client);
            client.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\nGET /pipelined HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("hello http://h/after", client.readResponse().bodyText());
            assertEquals("hello http://h/pipelined", client.readResponse().bodyText());
        }
    }

    @Test
    void aResponseThatGoesOnBringsInTheReaderWhichNoticesTheClientLeaving() throws Exception {
        fixture = ServerFixture.start();
        try (TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("GET /stream HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            assertEquals(1, fixture.server().liveConnectionThreads(), "the head was read by the session thread");
            handler.send(id, Data.response(200, "OK", List.of(), "part".getBytes(), true, 0));
            assertEquals(200, client.readResponseHeadOnly().status());
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveConnectionThreads() == 2);
            client.close();
            assertEquals(id, handler.expect(io.condurejava.zhttp.Cancel.class, Duration.ofSeconds(5)).id());
        }
    }

    @Test
    void aClientGoneBeforeACompleteResponseLeavesNothingBehind() throws Exception {
        fixture = ServerFixture.start();
        try (TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("GET /gone HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            client.close();
            handler.send(id, Data.response(200, "OK", List.of(), "late".getBytes(), false, 0));
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 0
                    && fixture.server().liveConnections() == 0);
        }
    }

    @Test
    void aConnectionWaitingForItsNextRequestClosesAfterTheSessionTimeout() throws Exception {
        fixture = ServerFixture.start("--session-timeout=1");
        try (AutoHandler handler = new AutoHandler(fixture.base());
             RawClient answered = fixture.connect();
             RawClient silent = fixture.connect()) {
            answered.send("GET /once HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("hello http://h/once", answered.readResponse().bodyText());
            assertTrue(answered.isClosedByServer(), "closed after a second without a next request");
            assertTrue(silent.isClosedByServer(), "closed after a second without a first request");
        }
    }

    @Test
    void aConnectionWhoseReaderWaitsForItsNextRequestClosesAfterTheSessionTimeout() throws Exception {
        fixture = ServerFixture.start("--session-timeout=1");
        try (AutoHandler handler = new AutoHandler(fixture.base());
             RawClient client = fixture.connect()) {
            postHelloReadByTheReader(client);
            long start = System.nanoTime();
            assertTrue(client.isClosedByServer(), "closed after a second without a next request");
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis >= 500, "closed after " + millis + " ms, before the session timeout of 1 s");
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveConnectionThreads() == 0);
        }
    }

    @Test
    void aGracefulStopClosesAConnectionWaitingForItsNextRequestAtOnce() throws Exception {
        fixture = ServerFixture.start();
        try (AutoHandler handler = new AutoHandler(fixture.base());
             RawClient client = fixture.connect()) {
            client.send("GET /once HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("hello http://h/once", client.readResponse().bodyText());
            fixture.server().stopGracefully(Duration.ofSeconds(30));
            assertTrue(client.isClosedByServer(), "an idle connection closes when the server stops");
        }
    }

    /** A POST whose body brings in the reader thread, which then stays and reads the next head. */
    private void postHelloReadByTheReader(RawClient client) throws Exception {
        client.send("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
        String answer = client.readResponse().bodyText();
        assertTrue(answer.startsWith("length=5 sha256=2cf24dba"), answer); // sha256("hello")
        assertEquals(2, fixture.server().liveConnectionThreads(), "the body was read by the reader thread");
    }
}
