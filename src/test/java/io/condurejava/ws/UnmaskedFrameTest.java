package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6455 §5.1: a server fails on unmasked client frames, a client on masked server frames (1002). */
class UnmaskedFrameTest {

    @Test
    void unmaskedDataFrameFromClientIs1002() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(true, 0, Opcode.TEXT, false, bytes("hi")).failureCode());
        assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(true, 0, Opcode.BINARY, false, new byte[0]).failureCode());
    }

    @Test
    void unmaskedControlFrameFromClientIs1002() {
        for (int opcode : new int[]{Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(true, 0, opcode, false, new byte[0]).failureCode());
        }
    }

    @Test
    void unmaskedContinuationAfterMaskedStartIs1002() {
        RawFrames f = new RawFrames().text(false, "a").frame(true, 0, Opcode.CONTINUATION, false, bytes("b"));
        assertEquals(CloseCodes.PROTOCOL_ERROR, f.failureCode());
    }

    @Test
    void maskedFrameFromServerIs1002ForAClient() {
        byte[] wire = new RawFrames().text(true, "hi").bytes();
        MessageReader client = new MessageReader(new ByteArrayInputStream(wire), Role.CLIENT, Long.MAX_VALUE, null);
        assertEquals(CloseCodes.PROTOCOL_ERROR, RawFrames.failureCode(client));
    }

    @Test
    void maskedClientFramesAndUnmaskedServerFramesAreAccepted() throws IOException {
        assertEquals(List.of(new Incoming.DataPart(true, bytes("hi"), true)), new RawFrames().text(true, "hi").readAll());
        byte[] wire = new RawFrames().frame(true, 0, Opcode.TEXT, false, bytes("hi")).bytes();
        MessageReader client = new MessageReader(new ByteArrayInputStream(wire), Role.CLIENT, Long.MAX_VALUE, null);
        assertEquals(List.of(new Incoming.DataPart(true, bytes("hi"), true)), RawFrames.readAll(client, 100));
    }
}
