package io.condurejava.server.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket session waits for its events without a timer of its own: the session timeout (handler
 * silent) still ends it, through the deadline the listener's watchdog watches.
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
}
