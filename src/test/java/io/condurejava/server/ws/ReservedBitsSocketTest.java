package io.condurejava.server.ws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static io.condurejava.server.ws.ClientFrames.RSV1;
import static io.condurejava.server.ws.ClientFrames.RSV2;
import static io.condurejava.server.ws.ClientFrames.RSV3;
import static io.condurejava.server.ws.ClientFrames.frame;
import static io.condurejava.server.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reserved bits over a real socket (RFC 6455 §5.2, RFC 7692 §6): RSV2/RSV3 never, RSV1 only on the
 * first frame of a data message and only with permessage-deflate negotiated — anything else → 1002.
 */
class ReservedBitsSocketTest {
    private static RawWebSocketHarness plain;
    private static RawWebSocketHarness deflate;

    @BeforeAll
    static void start() throws Exception {
        plain = RawWebSocketHarness.start();
        deflate = RawWebSocketHarness.start("--compression");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            plain.close();
        } finally {
            deflate.close();
        }
    }

    @AfterEach
    void noLeak() {
        plain.awaitIdle();
        deflate.awaitIdle();
    }

    @ParameterizedTest(name = "rsv {0} on opcode {1}, no deflate")
    @CsvSource({
            RSV1 + ", " + ClientFrames.TEXT,
            RSV1 + ", " + ClientFrames.BINARY,
            RSV2 + ", " + ClientFrames.TEXT,
            RSV3 + ", " + ClientFrames.BINARY,
            (RSV2 | RSV3) + ", " + ClientFrames.TEXT,
            RSV1 + ", " + ClientFrames.PING,
            RSV2 + ", " + ClientFrames.PONG,
            RSV3 + ", " + ClientFrames.CLOSE,
    })
    void reservedBitWithoutExtensionIsAProtocolError(int rsv, int opcode) throws Exception {
        byte[] payload = opcode == ClientFrames.CLOSE ? ClientFrames.bytes(0x03, 0xE8) : utf8("x");
        try (RawWebSocket ws = plain.open("/rsv")) {
            ws.send(frame(true, rsv, opcode, payload)).expectFailure(1002);
        }
    }

    @Test
    void reservedBitOnAContinuationIsAProtocolError() throws Exception {
        try (RawWebSocket ws = plain.open("/rsv-continuation")) {
            ws.send(frame(false, 0, ClientFrames.TEXT, utf8("a")), frame(true, RSV2, ClientFrames.CONTINUATION, utf8("b")));
            ws.expectFailure(1002);
        }
    }

    @Test
    void rsv1WhenTheServerCouldCompressButTheClientDidNotOfferIsAProtocolError() throws Exception {
        try (RawWebSocket ws = deflate.open("/rsv1-not-offered")) {
            ws.send(frame(true, RSV1, ClientFrames.TEXT, ClientFrames.deflate(utf8("hello")))).expectFailure(1002);
        }
    }

    @Test
    void rsv1OnACompressedFirstFrameIsAccepted() throws Exception {
        try (RawWebSocket ws = deflate.openWithDeflate("/rsv1-ok")) {
            ws.send(frame(true, RSV1, ClientFrames.TEXT, ClientFrames.deflate(utf8("hello, deflate"))));
            assertEquals("hello, deflate", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8),
                    "the handler gets the message decompressed");
            ws.send(frame(true, RSV2, ClientFrames.TEXT, utf8("x"))).expectFailure(1002);
        }
    }

    @Test
    void rsv1OnAContinuationIsAProtocolErrorEvenWithDeflate() throws Exception {
        byte[] compressed = ClientFrames.deflate(utf8("hello, fragmented deflate"));
        int half = compressed.length / 2;
        try (RawWebSocket ws = deflate.openWithDeflate("/rsv1-continuation")) {
            ws.send(frame(false, RSV1, ClientFrames.TEXT, java.util.Arrays.copyOf(compressed, half)),
                    frame(true, RSV1, ClientFrames.CONTINUATION, java.util.Arrays.copyOfRange(compressed, half, compressed.length)));
            ws.expectFailure(1002);
        }
    }

    @Test
    void rsv1OnAControlFrameIsAProtocolErrorEvenWithDeflate() throws Exception {
        try (RawWebSocket ws = deflate.openWithDeflate("/rsv1-ping")) {
            ws.send(frame(true, RSV1, ClientFrames.PING, utf8("p"))).expectFailure(1002);
        }
    }

    @Test
    void rsv2IsAProtocolErrorEvenWithDeflate() throws Exception {
        try (RawWebSocket ws = deflate.openWithDeflate("/rsv2-deflate")) {
            ws.send(frame(true, RSV2, ClientFrames.BINARY, utf8("x"))).expectFailure(1002);
        }
    }
}
