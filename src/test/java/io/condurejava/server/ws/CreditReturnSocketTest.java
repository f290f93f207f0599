package io.condurejava.server.ws;

import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When credits for WebSocket content written to the client go back to the handler: held while the handler
 * still has at least half its window (64 KiB by default), at once below that, at the latest after
 * {@code websocket-credit-delay}; with a delay of 0, one credit per write as Condure does. Real server,
 * real JeroMQ handler, raw client socket; each message is read by the client before the next is sent,
 * so every message is its own write.
 */
class CreditReturnSocketTest {
    private static final int WINDOW = 65536;

    @Test
    void creditsAreHeldUntilTheHandlerHasUsedHalfItsWindowThenReturnedTogether() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--websocket-credit-delay=60000");
             RawWebSocket ws = harness.open("/credits-half")) {
            int piece = WINDOW * 5 / 16; // 20 KiB: after one the handler still has more than half, after two less
            echoToClient(ws, piece, (byte) 'a');
            echoToClient(ws, piece, (byte) 'b');
            Credit credit = ws.expectHandler(Credit.class);
            assertEquals(2 * piece, credit.credits(), "both writes credited in one message once the handler's "
                    + "credits fell below half its window; saw " + ws.seenByHandler);
        }
    }

    @Test
    void heldCreditsComeBackAfterTheDelayWithoutMoreTraffic() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--websocket-credit-delay=20");
             RawWebSocket ws = harness.open("/credits-delay")) {
            echoToClient(ws, 100, (byte) 'c');
            Credit credit = ws.expectHandler(Credit.class);
            assertEquals(100, credit.credits(), "the held credit is returned once the delay has passed");
        }
    }

    @Test
    void withNoDelayEveryWriteIsCreditedOnItsOwnAsCondureDoes() throws Exception {
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--websocket-credit-delay=0");
             RawWebSocket ws = harness.open("/credits-condure")) {
            int[] sizes = {100, 200, 300};
            int[] credited = new int[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                echoToClient(ws, sizes[i], (byte) ('d' + i));
            }
            for (int i = 0; i < sizes.length; i++) {
                credited[i] = ws.expectHandler(Credit.class).credits();
            }
            assertArrayEquals(sizes, credited, "one credit per write, for exactly what was written");
        }
    }

    /** The handler sends a binary message of {@code length} bytes; the client reads it whole. */
    private static void echoToClient(RawWebSocket ws, int length, byte fill) throws Exception {
        byte[] body = new byte[length];
        Arrays.fill(body, fill);
        ws.handlerSends(Data.message(Data.CONTENT_TYPE_BINARY, body, false));
        RawWebSocket.ServerFrame frame = ws.readFrame();
        assertArrayEquals(body, frame.payload(), "the client gets the handler's message");
    }
}
