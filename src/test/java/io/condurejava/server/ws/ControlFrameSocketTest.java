package io.condurejava.server.ws;

import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.condurejava.server.ws.ClientFrames.CONTINUATION;
import static io.condurejava.server.ws.ClientFrames.TEXT;
import static io.condurejava.server.ws.ClientFrames.frame;
import static io.condurejava.server.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control frames over a real socket (RFC 6455 §5.4, §5.5): longer than 125 bytes or fragmented → 1002;
 * but ping, pong and close may come between the fragments of a message, which still arrives whole.
 */
class ControlFrameSocketTest {
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

    private static byte[] controlPayload(int opcode, int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'c');
        if (opcode == ClientFrames.CLOSE && length >= 2) {
            payload[0] = 0x03; // 1000
            payload[1] = (byte) 0xE8;
        }
        return payload;
    }

    @ParameterizedTest(name = "opcode {0} with 126 bytes")
    @ValueSource(ints = {ClientFrames.PING, ClientFrames.PONG, ClientFrames.CLOSE})
    void controlFrameLongerThan125BytesIsAProtocolError(int opcode) throws Exception {
        try (RawWebSocket ws = harness.open("/control-126")) {
            ws.send(frame(true, 0, opcode, controlPayload(opcode, 126))).expectFailure(1002);
        }
    }

    @Test
    void pingOfExactly125BytesIsForwarded() throws Exception {
        byte[] payload = controlPayload(ClientFrames.PING, 125);
        try (RawWebSocket ws = harness.open("/control-125")) {
            ws.send(frame(true, 0, ClientFrames.PING, payload));
            assertArrayEquals(payload, ws.expectHandler(Ping.class).body());
        }
    }

    @ParameterizedTest(name = "opcode {0} without FIN")
    @ValueSource(ints = {ClientFrames.PING, ClientFrames.PONG, ClientFrames.CLOSE})
    void fragmentedControlFrameIsAProtocolError(int opcode) throws Exception {
        try (RawWebSocket ws = harness.open("/control-fragmented")) {
            ws.send(frame(false, 0, opcode, controlPayload(opcode, 4))).expectFailure(1002);
        }
    }

    @Test
    void fragmentedPingBetweenDataFragmentsIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/control-fragmented-inside")) {
            ws.send(frame(false, 0, TEXT, utf8("a")), frame(false, 0, ClientFrames.PING, utf8("p")));
            ws.expectFailure(1002);
        }
    }

    @Test
    void pingAndPongBetweenFragmentsAreAllowedAndTheMessageArrivesWhole() throws Exception {
        try (RawWebSocket ws = harness.open("/control-between")) {
            ws.send(frame(false, 0, TEXT, utf8("frag1-")),
                    ClientFrames.ping("between"),
                    frame(false, 0, CONTINUATION, utf8("frag2-")),
                    ClientFrames.pong("unsolicited"),
                    frame(true, 0, CONTINUATION, utf8("frag3")));
            assertEquals("frag1-frag2-frag3", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
            List<String> order = ws.seenByHandler.stream().map(ControlFrameSocketTest::describe).toList();
            assertEquals(List.of("data frag1- more", "ping between", "data frag2- more", "pong unsolicited", "data frag3"),
                    order, "each piece and control message reaches the handler in the order sent");
            // the connection is still fine: a next message and a normal close
            ws.send(ClientFrames.text("after"));
            assertEquals("after", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
            ws.send(ClientFrames.close(1000, new byte[0]));
            assertEquals(1000, ws.expectHandler(Close.class).code());
            ws.handlerSends(new Close(1000, new byte[0]));
            ws.expectCloseFrame(1000);
            ws.expectConnectionClosed();
        }
    }

    @Test
    void closeBetweenFragmentsIsAllowedAndForwardedWithItsCode() throws Exception {
        try (RawWebSocket ws = harness.open("/close-between")) {
            ws.send(frame(false, 0, TEXT, utf8("partial")), ClientFrames.close(4001, utf8("bye mid-message")));
            Close close = ws.expectHandler(Close.class);
            assertEquals(4001, close.code(), "the client's own code, not a protocol error");
            assertEquals("bye mid-message", close.reasonText());
            assertTrue(ws.seenByHandler.get(0) instanceof Data d && d.more()
                    && "partial".equals(new String(d.body(), StandardCharsets.UTF_8)), "the started message was forwarded");
            ws.handlerSends(new Close(4001, new byte[0]));
            ws.expectCloseFrame(4001);
            ws.expectConnectionClosed();
            assertFalse(ws.seenByHandler.stream().anyMatch(p -> p instanceof io.condurejava.zhttp.Cancel));
        }
    }

    private static String describe(Payload p) {
        return switch (p) {
            case Data d -> "data " + new String(d.body(), StandardCharsets.UTF_8) + (d.more() ? " more" : "");
            case Ping ping -> "ping " + new String(ping.body(), StandardCharsets.UTF_8);
            case Pong pong -> "pong " + new String(pong.body(), StandardCharsets.UTF_8);
            default -> p.toString();
        };
    }
}
