package io.condurejava.server.ws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.condurejava.server.ws.ClientFrames.frame;
import static io.condurejava.server.ws.ClientFrames.utf8;

/** Reserved opcodes 0x3-0x7 (data) and 0xB-0xF (control) fail the connection with 1002 (RFC 6455 §5.2). */
class BadOpcodeSocketTest {
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

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodeIsAProtocolError(int opcode) throws Exception {
        try (RawWebSocket ws = harness.open("/opcode")) {
            ws.send(frame(true, 0, opcode, utf8("x"))).expectFailure(1002);
        }
    }

    @Test
    void reservedOpcodeWithEmptyPayloadAndNoFinIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/opcode-empty")) {
            ws.send(frame(false, 0, 0x3, new byte[0])).expectFailure(1002);
        }
    }

    @Test
    void reservedOpcodeInsideAFragmentedMessageIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/opcode-inside")) {
            ws.send(frame(false, 0, ClientFrames.TEXT, utf8("start")), frame(true, 0, 0xB, utf8("?")));
            ws.expectFailure(1002);
        }
    }
}
