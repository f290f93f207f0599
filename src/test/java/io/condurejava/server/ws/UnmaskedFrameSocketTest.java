package io.condurejava.server.ws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.condurejava.server.ws.ClientFrames.frame;
import static io.condurejava.server.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client frame without a mask (RFC 6455 §5.1) fails the connection with 1002, over a real socket. */
class UnmaskedFrameSocketTest {
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

    @ParameterizedTest(name = "unmasked opcode {0}")
    @ValueSource(ints = {ClientFrames.TEXT, ClientFrames.BINARY, ClientFrames.PING, ClientFrames.PONG, ClientFrames.CLOSE})
    void unmaskedFrameIsAProtocolError(int opcode) throws Exception {
        byte[] payload = opcode == ClientFrames.CLOSE ? ClientFrames.bytes(0x03, 0xE8) : utf8("x");
        try (RawWebSocket ws = harness.open("/unmasked")) {
            ws.send(frame(true, 0, opcode, payload, false)).expectFailure(1002);
        }
    }

    @Test
    void unmaskedContinuationInsideAMaskedMessageIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/unmasked-continuation")) {
            ws.send(frame(false, 0, ClientFrames.TEXT, utf8("masked-")));
            assertEquals("masked-", new String(ws.expectHandlerMessagePiece(), StandardCharsets.UTF_8));
            ws.send(frame(true, 0, ClientFrames.CONTINUATION, utf8("bare"), false)).expectFailure(1002);
        }
    }

    @Test
    void maskedFramesOnTheSameConnectionAreAccepted() throws Exception {
        try (RawWebSocket ws = harness.open("/masked")) {
            ws.send(ClientFrames.text("fine"));
            assertEquals("fine", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
            ws.send(frame(true, 0, ClientFrames.TEXT, utf8("bare"), false)).expectFailure(1002);
        }
    }
}
