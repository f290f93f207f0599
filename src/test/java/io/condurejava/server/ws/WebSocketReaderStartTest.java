package io.condurejava.server.ws;

import io.condurejava.http1.HttpHeader;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who reads an upgraded WebSocket, and from when: on a connection whose upgrade request the session thread
 * read, that thread waits for the client's first bytes once the session has detached (a pending handshake and
 * an idle WebSocket hold just that thread), and the reader thread starts when they come (frames a client sends
 * before the 101 are kept and read after the accept); one that already has a reader
 * thread (it read a body or watched a streamed response) reads the upgrade request there and goes on reading
 * frames after the accept. Real server, real JeroMQ handler, raw client socket.
 */
class WebSocketReaderStartTest {

    @Test
    void theThreadThatReadTheUpgradeRequestWaitsForTheClientThenAReaderTakesOver() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start();
             RawWebSocket ws = harness.open("/pending", () -> await("while the handler has not answered, one thread waits "
                     + "for the client: the one that read the request").atMost(RawWebSocketHarness.WAIT)
                     .until(() -> harness.liveConnectionThreads() == 1))) {
            await("the accept starts no second thread; the resumed session's ends").atMost(RawWebSocketHarness.WAIT)
                    .until(() -> harness.liveConnectionThreads() == 1);
            ws.send(ClientFrames.text("read after the accept"));
            assertArrayEquals("read after the accept".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());
            await("the reader took over: still one thread").atMost(RawWebSocketHarness.WAIT)
                    .until(() -> harness.liveConnectionThreads() == 1);
            ws.send(ClientFrames.text("and on"));
            assertArrayEquals("and on".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());
            ws.send(ClientFrames.close(1000, new byte[0]));
            ws.expectHandler(io.condurejava.zhttp.Close.class);
        }
    }

    @Test
    void framesSentBeforeTheAcceptAreReadAfterIt() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start()) {
            RawClient raw = harness.connect();
            try (RawWebSocket ws = RawWebSocket.upgrade(raw, harness.handler(), "/early", "", () -> {
                try {
                    raw.send(ClientFrames.concat(ClientFrames.text("too early"), ClientFrames.text("and again")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })) {
                assertArrayEquals("too early".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());
                assertArrayEquals("and again".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());
                ws.send(ClientFrames.close(1000, new byte[0]));
                ws.expectHandler(io.condurejava.zhttp.Close.class);
                ws.handlerSends(new io.condurejava.zhttp.Close(1000, new byte[0]));
                ws.expectCloseFrame(1000);
                ws.expectConnectionClosed();
            }
            harness.awaitIdle();
        }
    }

    @Test
    void aHandshakeTheHandlerNeverAnswersStillTimesOut() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--session-timeout=1")) {
            RawClient raw = harness.connect();
            raw.socket().setSoTimeout((int) RawWebSocketHarness.WAIT.toMillis());
            raw.send("GET /never HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            harness.handler().expect(RawWebSocketHarness.WAIT); // and never answers
            await("the pending handshake holds one thread, waiting for the client").atMost(RawWebSocketHarness.WAIT)
                    .until(() -> harness.liveConnectionThreads() == 1);
            assertTrue(raw.isClosedByServer(), "the session timeout (1 s) ends the connection");
            harness.awaitIdle();
        }
    }

    @Test
    void aConnectionWithAReaderAlreadyUpgradesThroughIt() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start()) {
            RawClient raw = harness.connect();
            TestHandler handler = harness.handler();
            raw.send("GET /stream HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(RawWebSocketHarness.WAIT).id();
            List<HttpHeader> length = List.of(new HttpHeader("Content-Length", "8"));
            handler.send(id, Data.response(200, "OK", length, "part".getBytes(StandardCharsets.UTF_8), true, 0));
            handler.send(id, Data.body("-end".getBytes(StandardCharsets.UTF_8), false)); // a streamed response: the reader runs
            assertEquals("part-end", raw.readResponse().bodyText());

            try (RawWebSocket ws = harness.upgrade(raw, "/after-stream")) {
                ws.send(ClientFrames.text("through the old reader"));
                assertArrayEquals("through the old reader".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());
                ws.send(ClientFrames.close(1000, new byte[0]));
                ws.expectHandler(io.condurejava.zhttp.Close.class);
            }
        }
    }
}
