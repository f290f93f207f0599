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
 * When the reading of an upgraded WebSocket starts: a connection whose upgrade request the session thread
 * read gets its reader thread at the accept (no thread waits through the handshake — the session's own
 * thread ends until the handler answers — and the reader's first wait is for frames); one that already
 * has a reader thread (it read a body or watched a streamed response) reads the upgrade request there and
 * goes on reading frames after the accept. Real server, real JeroMQ handler, raw client socket.
 */
class WebSocketReaderStartTest {

    @Test
    void aPendingUpgradeHoldsNoThreadAndTheAcceptStartsTheReader() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start();
             RawWebSocket ws = harness.open("/pending", () -> await("while the handler has not answered, no thread runs")
                     .atMost(RawWebSocketHarness.WAIT).until(() -> harness.liveConnectionThreads() == 0))) {
            await("the accept starts the reader; the session thread ends again").atMost(RawWebSocketHarness.WAIT)
                    .until(() -> harness.liveConnectionThreads() == 1);
            ws.send(ClientFrames.text("read after the accept"));
            assertArrayEquals("read after the accept".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());
            ws.send(ClientFrames.close(1000, new byte[0]));
            ws.expectHandler(io.condurejava.zhttp.Close.class);
        }
    }

    @Test
    void aHandshakeTheHandlerNeverAnswersStillTimesOutWithoutItsThread() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--session-timeout=1")) {
            RawClient raw = harness.connect();
            raw.socket().setSoTimeout((int) RawWebSocketHarness.WAIT.toMillis());
            raw.send("GET /never HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            harness.handler().expect(RawWebSocketHarness.WAIT); // and never answers
            await("the pending handshake holds no thread").atMost(RawWebSocketHarness.WAIT)
                    .until(() -> harness.liveConnectionThreads() == 0);
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
