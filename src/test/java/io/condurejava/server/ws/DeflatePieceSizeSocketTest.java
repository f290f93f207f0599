package io.condurejava.server.ws;

import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static io.condurejava.server.ws.ClientFrames.BINARY;
import static io.condurejava.server.ws.ClientFrames.RSV1;
import static io.condurejava.server.ws.ClientFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With permessage-deflate the server offers the handler 3/4 of --buffer-size (6144 of 8192, as
 * Condure 1.10); every piece of a client message it forwards must fit in that offer, as in Condure
 * (whose receive buffer is split 75 % plain / 25 % encoded), or a handler that relays pieces
 * within its credits (an echo) can never send one and the session stalls.
 */
class DeflatePieceSizeSocketTest {
    private static final int BUFFER_BYTES = 8192;

    @Test
    void everyPieceFitsTheCreditsOfferedToTheHandler() throws Exception {
        byte[] message = new byte[100_000];
        Arrays.fill(message, (byte) 'q');
        try (RawWebSocketHarness harness = RawWebSocketHarness.start("--compression");
             RawWebSocket ws = harness.openWithDeflate("/deflate-pieces")) {
            int offered = BUFFER_BYTES * 3 / 4;
            ws.send(frame(true, RSV1, BINARY, ClientFrames.deflate(message)));
            assertArrayEquals(message, ws.expectHandlerMessage());
            for (var p : ws.seenByHandler) {
                if (p instanceof Data d) {
                    assertTrue(d.body().length <= offered, "piece of " + d.body().length + " bytes > " + offered
                            + " credits offered to the handler");
                }
            }
        }
    }
}
