package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6455 §5.4: continuation frames only continue an open message; no new message inside one (1002). */
class ContinuationTest {

    @Test
    void continuationWithoutAMessageIs1002() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().cont(true, "x").failureCode());
        assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().cont(false, "x").failureCode());
    }

    @Test
    void continuationAfterACompleteMessageIs1002() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().text(true, "done").cont(true, "x").failureCode());
        assertEquals(CloseCodes.PROTOCOL_ERROR,
                new RawFrames().text(false, "a").cont(true, "b").cont(true, "c").failureCode());
    }

    @Test
    void newDataFrameInsideAFragmentedMessageIs1002() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().text(false, "a").text(true, "b").failureCode());
        assertEquals(CloseCodes.PROTOCOL_ERROR,
                new RawFrames().text(false, "a").frame(true, 0, Opcode.BINARY, bytes("b")).failureCode());
        assertEquals(CloseCodes.PROTOCOL_ERROR,
                new RawFrames().frame(false, 0, Opcode.BINARY, bytes("a")).cont(false, "b").text(false, "c").failureCode());
    }

    @Test
    void manyFragmentsMakeOneMessageAndEmptyMiddleFragmentsAreSkipped() throws IOException {
        RawFrames f = new RawFrames().frame(false, 0, Opcode.BINARY, bytes("frag1-"))
                .cont(false, "")
                .cont(false, "frag2-")
                .cont(false, "")
                .cont(true, "frag3");
        assertEquals(List.of(
                new Incoming.DataPart(false, bytes("frag1-"), false),
                new Incoming.DataPart(false, bytes("frag2-"), false),
                new Incoming.DataPart(false, bytes("frag3"), true)), f.readAll());
    }

    @Test
    void emptyFinalFragmentEndsTheMessageWithAnEmptyLastPart() throws IOException {
        RawFrames f = new RawFrames().text(false, "abc").cont(true, "").text(true, "");
        assertEquals(List.of(
                new Incoming.DataPart(true, bytes("abc"), false),
                new Incoming.DataPart(true, new byte[0], true),
                new Incoming.DataPart(true, new byte[0], true)), f.readAll());
    }

    @Test
    void endOfStreamInsideAFragmentedMessageAtAFrameBoundaryIsNull() throws IOException {
        MessageReader r = new RawFrames().text(false, "abc").reader();
        assertEquals(new Incoming.DataPart(true, bytes("abc"), false), r.next(100));
        assertEquals(null, r.next(100));
    }
}
