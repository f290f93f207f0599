package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 6455 §5.5: control frames at most 125 bytes and never fragmented (1002); §5.4: they may
 * come between the fragments of a message (Condure treats that as an error; we follow the RFC).
 */
class ControlFrameTest {

    @Test
    void controlPayloadOf125BytesIsAccepted() throws IOException {
        byte[] p = new byte[125];
        assertEquals(List.of(new Incoming.Ping(p)), new RawFrames().frame(true, 0, Opcode.PING, p).readAll());
        assertEquals(List.of(new Incoming.Pong(p)), new RawFrames().frame(true, 0, Opcode.PONG, p).readAll());
    }

    @Test
    void controlPayloadOver125BytesIs1002() {
        for (int opcode : new int[]{Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            for (int len : new int[]{126, 127, 65535, 65536}) {
                byte[] p = new byte[len];
                if (opcode == Opcode.CLOSE) {
                    p[0] = 0x03;
                    p[1] = (byte) 0xe8;
                }
                assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(true, 0, opcode, p).failureCode(),
                        Opcode.name(opcode) + " " + len);
            }
        }
    }

    @Test
    void fragmentedControlFrameIs1002() {
        for (int opcode : new int[]{Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            RawFrames f = new RawFrames().frame(false, 0, opcode, new byte[0]).frame(true, 0, Opcode.CONTINUATION, new byte[0]);
            assertEquals(CloseCodes.PROTOCOL_ERROR, f.failureCode(), Opcode.name(opcode));
        }
    }

    @Test
    void controlFramesBetweenFragmentsAreDeliveredInOrder() throws IOException {
        RawFrames f = new RawFrames().text(false, "Hel")
                .frame(true, 0, Opcode.PING, bytes("p"))
                .cont(false, "l")
                .frame(true, 0, Opcode.PONG, bytes("q"))
                .cont(true, "o")
                .text(true, "next");
        assertEquals(List.of(
                new Incoming.DataPart(true, bytes("Hel"), false),
                new Incoming.Ping(bytes("p")),
                new Incoming.DataPart(true, bytes("l"), false),
                new Incoming.Pong(bytes("q")),
                new Incoming.DataPart(true, bytes("o"), true),
                new Incoming.DataPart(true, bytes("next"), true)), f.readAll());
    }

    @Test
    void closeBetweenFragmentsIsDelivered() throws IOException {
        RawFrames f = new RawFrames().frame(false, 0, Opcode.BINARY, bytes("ab")).frame(true, 0, Opcode.CLOSE, RawFrames.hex("03 e9"));
        assertEquals(List.of(new Incoming.DataPart(false, bytes("ab"), false), new Incoming.Close(1001, new byte[0])),
                f.readAll());
    }

    @Test
    void emptyPingAndPong() throws IOException {
        RawFrames f = new RawFrames().frame(true, 0, Opcode.PING, new byte[0]).frame(true, 0, Opcode.PONG, new byte[0]);
        assertEquals(List.of(new Incoming.Ping(new byte[0]), new Incoming.Pong(new byte[0])), f.readAll());
    }
}
