package io.condurejava.server.ws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.condurejava.server.ws.ClientFrames.BINARY;
import static io.condurejava.server.ws.ClientFrames.CONTINUATION;
import static io.condurejava.server.ws.ClientFrames.TEXT;
import static io.condurejava.server.ws.ClientFrames.frame;
import static io.condurejava.server.ws.ClientFrames.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fragmentation rules over a real socket (RFC 6455 §5.4): a continuation needs a started message, and a new data frame must wait for its end → 1002. */
class ContinuationSocketTest {
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

    @Test
    void continuationWithoutAStartedMessageIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/continuation-first")) {
            ws.send(frame(true, 0, CONTINUATION, utf8("orphan"))).expectFailure(1002);
        }
    }

    @Test
    void nonFinalContinuationWithoutAStartedMessageIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/continuation-first-nofin")) {
            ws.send(frame(false, 0, CONTINUATION, utf8("orphan"))).expectFailure(1002);
        }
    }

    @Test
    void continuationAfterAFinishedMessageIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/continuation-after-end")) {
            ws.send(frame(false, 0, TEXT, utf8("a")), frame(true, 0, CONTINUATION, utf8("b")));
            assertEquals("ab", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
            ws.send(frame(true, 0, CONTINUATION, utf8("c"))).expectFailure(1002);
        }
    }

    @Test
    void newTextFrameWhileATextMessageIsFragmentedIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/new-text-while-fragmented")) {
            ws.send(frame(false, 0, TEXT, utf8("first-")), frame(true, 0, TEXT, utf8("second"))).expectFailure(1002);
        }
    }

    @Test
    void newBinaryFrameWhileATextMessageIsFragmentedIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/new-binary-while-fragmented")) {
            ws.send(frame(false, 0, TEXT, utf8("first-")), frame(false, 0, BINARY, utf8("second"))).expectFailure(1002);
        }
    }

    @Test
    void newTextFrameAfterAControlFrameInsideAFragmentedMessageIsAProtocolError() throws Exception {
        try (RawWebSocket ws = harness.open("/new-text-after-ping")) {
            ws.send(frame(false, 0, BINARY, utf8("first-")), ClientFrames.ping("p"), frame(true, 0, TEXT, utf8("x")));
            ws.expectFailure(1002);
        }
    }

    @Test
    void fragmentedMessagesBackToBackArriveWhole() throws Exception {
        try (RawWebSocket ws = harness.open("/back-to-back")) {
            ws.send(frame(false, 0, TEXT, utf8("one-")), frame(false, 0, CONTINUATION, new byte[0]),
                    frame(true, 0, CONTINUATION, utf8("done")),
                    frame(false, 0, BINARY, utf8("two-")), frame(true, 0, CONTINUATION, utf8("done")));
            assertEquals("one-done", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
            assertEquals("two-done", new String(ws.expectHandlerMessage(), StandardCharsets.UTF_8));
        }
    }
}
