package io.condurejava.server.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.zhttp.Data;
import java.nio.charset.StandardCharsets;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket session waits for its events without a timer of its own: the session timeout (handler
 * silent) still ends it, through the deadline the listener's watchdog watches, also once its thread
 * has gone (detached right after the accept, or after a quiet spell).
 */
class WebSocketTimeoutTest {

    @Test
    void aSilentHandlerEndsTheWebSocketAfterTheSessionTimeout() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--session-timeout=1");
             RawWebSocket ws = harness.open("/silent")) {
            long start = System.nanoTime();
            ws.awaitConnectionEnd();
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 10, "ended after " + seconds + " s, the session timeout is 1 s");
        }
    }

    @Test
    void aSessionThatWentQuietAfterTrafficStillTimesOut() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--session-timeout=3");
             RawWebSocket ws = harness.open("/quiet-later")) {
            ws.handlerSends(Data.message(Data.CONTENT_TYPE_TEXT, "one".getBytes(StandardCharsets.UTF_8), false));
            assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), ws.readFrame().payload());
            long start = System.nanoTime();
            await("the session lets its thread go after the quiet spell").atMost(RawWebSocketHarness.WAIT)
                    .until(() -> harness.liveConnectionThreads() == 1);
            ws.awaitConnectionEnd();
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 10, "ended after " + seconds + " s, the session timeout is 3 s");
        }
    }
}
