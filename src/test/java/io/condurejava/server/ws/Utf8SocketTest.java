package io.condurejava.server.ws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static io.condurejava.server.ws.ClientFrames.BINARY;
import static io.condurejava.server.ws.ClientFrames.CONTINUATION;
import static io.condurejava.server.ws.ClientFrames.TEXT;
import static io.condurejava.server.ws.ClientFrames.bytes;
import static io.condurejava.server.ws.ClientFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Text messages must be valid UTF-8 as a whole, across fragments (RFC 6455 §5.6, §8.1) → otherwise 1007. */
class Utf8SocketTest {
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

    @ParameterizedTest(name = "text {0}")
    @ValueSource(strings = {
            "ff",               // never valid
            "80",               // lone continuation byte
            "c080",             // overlong NUL
            "e08080",           // overlong 3-byte
            "eda080",           // UTF-16 surrogate U+D800
            "f4908080",         // above U+10FFFF
            "f880808080",       // 5-byte form
            "48656c6c6fc328",   // "Hello" then a lead byte followed by ASCII
            "e282",             // message ends inside a sequence
    })
    void invalidUtf8InASingleFrameIsInvalidPayload(String hex) throws Exception {
        try (RawWebSocket ws = harness.open("/utf8")) {
            ws.send(frame(true, 0, TEXT, HexFormat.of().parseHex(hex))).expectFailure(1007);
        }
    }

    @Test
    void sequenceBrokenAcrossFragmentsIsInvalidPayload() throws Exception {
        try (RawWebSocket ws = harness.open("/utf8-split-bad")) {
            // "ab" + the lead byte of a 2-byte sequence | then ASCII instead of its continuation byte
            ws.send(frame(false, 0, TEXT, bytes('a', 'b', 0xCE)), frame(true, 0, CONTINUATION, bytes('A')));
            ws.expectFailure(1007);
        }
    }

    @Test
    void messageEndingInsideASequenceAcrossFragmentsIsInvalidPayload() throws Exception {
        try (RawWebSocket ws = harness.open("/utf8-split-truncated")) {
            ws.send(frame(false, 0, TEXT, bytes('o', 'k', 0xE2)), frame(false, 0, CONTINUATION, bytes(0x82)),
                    frame(true, 0, CONTINUATION, new byte[0]));
            ws.expectFailure(1007);
        }
    }

    @Test
    void invalidByteInALaterFragmentIsInvalidPayload() throws Exception {
        try (RawWebSocket ws = harness.open("/utf8-later-fragment")) {
            ws.send(frame(false, 0, TEXT, "κόσμε-".getBytes(StandardCharsets.UTF_8)),
                    frame(false, 0, CONTINUATION, "fine-".getBytes(StandardCharsets.UTF_8)),
                    frame(true, 0, CONTINUATION, bytes('x', 0xED, 0xA0, 0x80)));
            ws.expectFailure(1007);
        }
    }

    @Test
    void validSequencesSplitAcrossFragmentsArriveWhole() throws Exception {
        byte[] text = "κόσμε 😀".getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket ws = harness.open("/utf8-split-ok")) {
            // cut inside the 2-byte κ and inside the 4-byte emoji
            ws.send(frame(false, 0, TEXT, java.util.Arrays.copyOfRange(text, 0, 1)),
                    frame(false, 0, CONTINUATION, java.util.Arrays.copyOfRange(text, 1, text.length - 2)),
                    frame(true, 0, CONTINUATION, java.util.Arrays.copyOfRange(text, text.length - 2, text.length)));
            assertEquals("κόσμε 😀", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void binaryMessagesAreNotCheckedForUtf8() throws Exception {
        try (RawWebSocket ws = harness.open("/utf8-binary")) {
            ws.send(frame(true, 0, BINARY, bytes(0xFF, 0xED, 0xA0, 0x80)));
            assertArrayEquals(bytes(0xFF, 0xED, 0xA0, 0x80), ws.expectHandlerMessage());
        }
    }
}
