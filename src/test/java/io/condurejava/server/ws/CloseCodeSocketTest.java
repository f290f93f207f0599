package io.condurejava.server.ws;

import io.condurejava.zhttp.Close;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.condurejava.server.ws.ClientFrames.bytes;
import static io.condurejava.server.ws.ClientFrames.frame;
import static io.condurejava.server.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Close frame payload rules over a real socket (RFC 6455 §5.5.1, §7.4): a code that may not be sent
 * or a 1-byte payload → 1002, a reason that is not UTF-8 → 1007; valid codes reach the handler.
 */
class CloseCodeSocketTest {
    private static RawWebSocketHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = RawWebSocketHarness.start();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @AfterEach
    void noLeak() {
        harness.awaitIdle();
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535})
    void codeNotAllowedOnTheWireIsAProtocolError(int code) throws Exception {
        try (RawWebSocket ws = harness.open("/close-code")) {
            ws.send(ClientFrames.close(code, utf8("bad code"))).expectFailure(1002);
        }
    }

    @Test
    void onePayloadByteIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/close-1-byte")) {
            ws.send(frame(true, 0, ClientFrames.CLOSE, bytes(0x03))).expectFailure(1002);
        }
    }

    @Test
    void reasonThatIsNotUtf8IsInvalidPayload() throws Exception {
        try (RawWebSocket ws = harness.open("/close-bad-reason")) {
            ws.send(ClientFrames.close(1000, bytes('o', 'k', 0xC3, 0x28))).expectFailure(1007);
        }
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {1000, 1001, 1003, 1007, 1011, 3000, 4999})
    void validCodeReachesTheHandlerAndTheCloseHandshakeCompletes(int code) throws Exception {
        try (RawWebSocket ws = harness.open("/close-ok")) {
            ws.send(ClientFrames.close(code, utf8("reason ✓")));
            Close close = ws.expectHandler(Close.class);
            assertEquals(code, close.code());
            assertEquals("reason ✓", close.reasonText());
            ws.handlerSends(new Close(code, new byte[0]));
            ws.expectCloseFrame(code);
            ws.expectConnectionClosed();
        }
    }

    @Test
    void emptyCloseReachesTheHandlerWithoutACode() throws Exception {
        try (RawWebSocket ws = harness.open("/close-empty")) {
            ws.send(frame(true, 0, ClientFrames.CLOSE, new byte[0]));
            assertEquals(-1, ws.expectHandler(Close.class).code(), "no code in the frame, none in the close");
            ws.handlerSends(new Close(-1, new byte[0]));
            ws.expectCloseFrame(1000);
            ws.expectConnectionClosed();
        }
    }
}
