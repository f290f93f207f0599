package io.condurejava.server.ws;

import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.Ping;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An idle upgraded WebSocket keeps one thread, its reader parked in a socket read: the session's thread
 * ends when it has nothing to do (at once after the accept, later after a quiet spell) and the next event,
 * from the client, the handler or a timer, starts a new one that goes on where it left off. Real server,
 * real JeroMQ handler, raw client socket.
 */
class WebSocketDetachTest {

    @Test
    void anIdleWebSocketHoldsOnlyItsReaderThreadAndStillCarriesBothWays() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start();
             RawWebSocket ws = harness.open("/detach")) {
            awaitOneThread(harness, "right after the accept the session has nothing to do");

            ws.send(ClientFrames.text("from the client"));
            assertArrayEquals("from the client".getBytes(StandardCharsets.UTF_8), ws.expectHandlerMessage());

            ws.handlerSends(Data.message(Data.CONTENT_TYPE_TEXT, "from the handler".getBytes(StandardCharsets.UTF_8), false));
            RawWebSocket.ServerFrame frame = ws.readFrame();
            assertEquals(0x1, frame.opcode());
            assertArrayEquals("from the handler".getBytes(StandardCharsets.UTF_8), frame.payload());
            awaitOneThread(harness, "after a quiet spell the session lets its thread go again");

            ws.handlerSends(new Ping("are you there".getBytes(StandardCharsets.UTF_8), 0));
            assertEquals(0x9, ws.readFrame().opcode(), "a handler ping reaches a detached session's client");
            awaitOneThread(harness, "quiet again");

            ws.handlerSends(new Close(1000, new byte[0]));
            ws.expectCloseFrame(1000);
            ws.send(ClientFrames.close(1000, new byte[0]));
            ws.expectHandler(Close.class);
            ws.expectConnectionClosed();
            harness.awaitIdle();
        }
    }

    @Test
    void aClientCloseReachesADetachedSession() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start();
             RawWebSocket ws = harness.open("/detach-close")) {
            awaitOneThread(harness, "detached after the accept");
            ws.send(ClientFrames.close(1001, new byte[0]));
            Close close = ws.expectHandler(Close.class);
            assertEquals(1001, close.code(), "the client's close goes to the handler");
            ws.handlerSends(new Close(1001, new byte[0]));
            ws.expectCloseFrame(1001);
            ws.expectConnectionClosed();
            harness.awaitIdle();
        }
    }

    private static void awaitOneThread(RawWebSocketHarness harness, String why) {
        await(why).atMost(RawWebSocketHarness.WAIT).until(() -> harness.liveConnectionThreads() == 1);
    }
}
