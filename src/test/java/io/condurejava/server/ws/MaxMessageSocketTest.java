package io.condurejava.server.ws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.condurejava.server.ws.ClientFrames.BINARY;
import static io.condurejava.server.ws.ClientFrames.CONTINUATION;
import static io.condurejava.server.ws.ClientFrames.RSV1;
import static io.condurejava.server.ws.ClientFrames.TEXT;
import static io.condurejava.server.ws.ClientFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --websocket-max-message} bounds a client message (whole, after decompression) → 1009 beyond it. */
class MaxMessageSocketTest {
    private static final int MAX_BYTES = 1000;
    private static RawWebSocketHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = RawWebSocketHarness.start("--websocket-max-message=" + MAX_BYTES, "--compression");
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @AfterEach
    void noLeak() {
        harness.awaitIdle();
    }

    private static byte[] filled(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() throws Exception {
        byte[] message = filled(MAX_BYTES, 'a');
        try (RawWebSocket ws = harness.open("/max-exact")) {
            ws.send(frame(true, 0, BINARY, message));
            assertArrayEquals(message, ws.expectHandlerMessage());
        }
    }

    @Test
    void singleFrameOverTheLimitIsTooBig() throws Exception {
        try (RawWebSocket ws = harness.open("/max-single")) {
            ws.send(frame(true, 0, BINARY, filled(MAX_BYTES + 1, 'b'))).expectFailure(1009);
        }
    }

    @Test
    void fragmentsAddingUpOverTheLimitAreTooBig() throws Exception {
        try (RawWebSocket ws = harness.open("/max-fragments")) {
            ws.send(frame(false, 0, TEXT, filled(600, 'c')), frame(false, 0, CONTINUATION, filled(300, 'c')),
                    frame(true, 0, CONTINUATION, filled(101, 'c')));
            ws.expectFailure(1009);
        }
    }

    @Test
    void theLimitIsPerMessage() throws Exception {
        try (RawWebSocket ws = harness.open("/max-per-message")) {
            for (int i = 0; i < 3; i++) {
                ws.send(frame(true, 0, TEXT, filled(800, (char) ('d' + i))));
                assertArrayEquals(filled(800, (char) ('d' + i)), ws.expectHandlerMessage());
            }
        }
    }

    @Test
    void compressedMessageIsMeasuredAfterDecompression() throws Exception {
        byte[] compressed = ClientFrames.deflate(filled(100_000, 'z'));
        assertTrue(compressed.length < MAX_BYTES, "the compressed frame itself is under the limit: " + compressed.length);
        try (RawWebSocket ws = harness.openWithDeflate("/max-deflate")) {
            ws.send(frame(true, RSV1, BINARY, compressed)).expectFailure(1009);
        }
    }

    @Test
    void compressedMessageUnderTheLimitIsAccepted() throws Exception {
        byte[] message = filled(MAX_BYTES, 'y');
        try (RawWebSocket ws = harness.openWithDeflate("/max-deflate-ok")) {
            ws.send(frame(true, RSV1, TEXT, ClientFrames.deflate(message)));
            assertArrayEquals(message, ws.expectHandlerMessage());
        }
    }
}
