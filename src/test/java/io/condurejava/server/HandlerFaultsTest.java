package io.condurejava.server;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpPacket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handlers that are absent, restart, or send nonsense: requests wait or expire cleanly and service goes on. */
class HandlerFaultsTest {

    @Test
    void requestWaitsForAHandlerThatConnectsLate() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             RawClient client = fixture.connect()) {
            client.send("GET /late HTTP/1.1\r\nHost: h\r\n\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 1);
            try (AutoHandler handler = new AutoHandler(fixture.base())) {
                assertEquals("hello http://h/late", client.readResponse().bodyText());
            }
        }
    }

    @Test
    void restartedHandlerWithNewIdentityTakesNewRequestsWhileOldSessionsExpire() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--session-timeout=2")) {
            RawClient orphan = fixture.connect();
            TestHandler first = fixture.newHandler();
            orphan.send("POST /orphan HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
            String id = first.expect(Duration.ofSeconds(5)).id();
            first.send(id, new Credit(10));
            first.close(); // the handler process dies holding a session
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 1);
            try (AutoHandler second = new AutoHandler(fixture.base());
                 RawClient fresh = fixture.connect()) {
                fresh.send("GET /fresh HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("hello http://h/fresh", fresh.readResponse().bodyText());
                assertTrue(orphan.isClosedByServer(), "the old session expired with the session timeout");
                await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 0);
            }
            orphan.close();
        }
    }

    @Test
    void messagesToAnAddressNoRouterHasAreDroppedAndServiceGoesOn() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("POST /ghost HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            // a handler that answers from an address with no ROUTER behind it (like a PUB-only handler)
            handler.sendPacket(new ZhttpPacket("no-such-identity", List.of(new IdSeq(id, 0)), false, new Credit(10)));
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 1);
            client.close(); // the cancel goes to that address: unreachable, and dropped
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.server().liveSessions() == 0);
            try (RawClient next = fixture.connect()) {
                next.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n");
                String second = handler.expect(Duration.ofSeconds(5)).id();
                handler.send(second, Data.response(200, "OK", List.of(), "still here".getBytes(), false, 0));
                assertEquals("still here", next.readResponse().bodyText());
            }
        }
    }

    @Test
    void packetsForUnknownOrFinishedIdsAreDropped() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /one HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, Data.response(200, "OK", List.of(), "one".getBytes(), false, 0));
            assertEquals("one", client.readResponse().bodyText());
            // late packets for the finished id and for ids that never existed
            handler.send(id, Data.body("late".getBytes(), false));
            handler.sendPacket(new ZhttpPacket(handler.identity(), List.of(new IdSeq("999-0", 0)), false,
                    Data.response(200, "OK", List.of(), "ghost".getBytes(), false, 0)));
            handler.sendPacket(new ZhttpPacket(handler.identity(), List.of(new IdSeq("nonsense", 3)), false, new Credit(5)));
            client.send("GET /two HTTP/1.1\r\nHost: h\r\n\r\n");
            String second = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(second, Data.response(200, "OK", List.of(), "two".getBytes(), false, 0));
            assertEquals("two", client.readResponse().bodyText());
        }
    }

    @Test
    void creditsBeyondWhatWasAskedAreHarmless() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, new Credit(Integer.MAX_VALUE));
            handler.send(id, new Credit(Integer.MAX_VALUE));
            Data body = (Data) handler.expect(Data.class, Duration.ofSeconds(5)).payload();
            assertEquals("abc", new String(body.body()));
            handler.send(id, Data.response(200, "OK", List.of(), "ok".getBytes(), false, 0));
            assertEquals("ok", client.readResponse().bodyText());
        }
    }
}
