package io.condurejava.server;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server.stopGracefully: idle connections close, busy ones get the grace period, the rest are cancelled. */
class GracefulShutdownTest {

    @Test
    void exchangeInProgressFinishesWithinTheGracePeriod() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient idle = fixture.connect(); RawClient busy = fixture.connect()) {
            busy.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> fixture.server().stopGracefully(Duration.ofSeconds(20)));
            assertTrue(idle.isClosedByServer(), "a connection between requests closes at once");
            handler.send(id, Data.response(200, "OK", List.of(), "finished".getBytes(), false, 0));
            assertEquals("finished", busy.readResponse().bodyText(), "the busy one may finish");
            assertTrue(busy.isClosedByServer());
            stop.get();
            assertEquals(0, fixture.server().liveConnections());
        }
    }

    @Test
    void aClientThatLeftBeforeTheHandlerAnsweredDoesNotHoldTheStop() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("GET /never-answered HTTP/1.1\r\nHost: h\r\n\r\n");
            handler.expect(Duration.ofSeconds(5)); // the handler has it and stays silent
            client.close(); // noticed by nobody yet: the session thread waits for the handler
            long start = System.nanoTime();
            fixture.server().stopGracefully(Duration.ofSeconds(60));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 30, "the stop waited " + seconds + " s for a client that had left (grace 60 s)");
            assertEquals(0, fixture.server().liveConnections());
        }
    }

    @Test
    void afterTheGracePeriodHandlersGetCancelsAndClientsTheClose() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("POST /held HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, new Credit(10)); // the handler is known, the exchange is held open
            long start = System.nanoTime();
            fixture.server().stopGracefully(Duration.ofSeconds(1));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "stop took the grace period, not more");
            assertEquals(id, handler.expect(Cancel.class, Duration.ofSeconds(5)).id());
            assertTrue(client.isClosedByServer());
        }
    }

    @Test
    void webSocketClientsGetGoingAway() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             io.condurejava.testutil.WebSocketEchoHandler handler = new io.condurejava.testutil.WebSocketEchoHandler(fixture.base());
             RawClient client = fixture.connect()) {
            client.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertEquals(101, client.readResponseHeadOnly().status());
            fixture.server().stopGracefully(Duration.ofMillis(300));
            InputStream in = client.socket().getInputStream();
            assertEquals(0x88, in.read(), "a close frame");
            assertEquals(2, in.read(), "with a 2-byte payload");
            assertEquals(1001, (in.read() << 8) | in.read(), "going away");
            await(handler);
        }
    }

    private static void await(io.condurejava.testutil.WebSocketEchoHandler handler) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> handler.cancelled.size() == 1);
    }
}
