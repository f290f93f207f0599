package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static io.condurejava.ws.RawFrames.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 6455 §5.2 and RFC 7692 §6: RSV bits only with a negotiated extension; with permessage-deflate
 * RSV1 only on the first frame of a data message, never on control or continuation frames (1002).
 */
class ReservedBitsTest {
    private static final PerMessageDeflate.Negotiated DEFLATE = new PerMessageDeflate.Negotiated(false, false);
    private static final byte[] HELLO_DEFLATED = hex("f2 48 cd c9 c9 07 00");

    @Test
    void anyRsvBitWithoutAnExtensionIs1002() {
        for (int rsv = 1; rsv < 8; rsv++) {
            for (int opcode : new int[]{Opcode.TEXT, Opcode.BINARY, Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
                assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(true, rsv, opcode, new byte[0]).failureCode(),
                        "rsv " + rsv + " " + Opcode.name(opcode));
            }
            assertEquals(CloseCodes.PROTOCOL_ERROR,
                    new RawFrames().text(false, "a").frame(true, rsv, Opcode.CONTINUATION, bytes("b")).failureCode());
        }
    }

    @Test
    void rsv2AndRsv3AreRefusedEvenWithDeflate() {
        for (int rsv : new int[]{Frame.RSV2, Frame.RSV3, Frame.RSV1 | Frame.RSV2, Frame.RSV1 | Frame.RSV3}) {
            RawFrames f = new RawFrames().frame(true, rsv, Opcode.TEXT, HELLO_DEFLATED);
            assertEquals(CloseCodes.PROTOCOL_ERROR, RawFrames.failureCode(f.reader(Long.MAX_VALUE, DEFLATE)), "rsv " + rsv);
        }
    }

    @Test
    void rsv1OnAContinuationFrameIs1002WithDeflate() {
        RawFrames f = new RawFrames().frame(false, Frame.RSV1, Opcode.TEXT, hex("f2 48 cd"))
                .frame(true, Frame.RSV1, Opcode.CONTINUATION, hex("c9 c9 07 00"));
        assertEquals(CloseCodes.PROTOCOL_ERROR, RawFrames.failureCode(f.reader(Long.MAX_VALUE, DEFLATE)));
    }

    @Test
    void rsv1OnAControlFrameIs1002WithDeflate() {
        for (int opcode : new int[]{Opcode.PING, Opcode.PONG, Opcode.CLOSE}) {
            RawFrames f = new RawFrames().frame(true, Frame.RSV1, opcode, new byte[0]);
            assertEquals(CloseCodes.PROTOCOL_ERROR, RawFrames.failureCode(f.reader(Long.MAX_VALUE, DEFLATE)));
        }
    }

    @Test
    void rsv1OnTheFirstFrameWithDeflateMarksACompressedMessage() throws IOException {
        RawFrames f = new RawFrames().frame(true, Frame.RSV1, Opcode.TEXT, HELLO_DEFLATED).text(true, "plain");
        assertEquals(List.of(new Incoming.DataPart(true, bytes("Hello"), true), new Incoming.DataPart(true, bytes("plain"), true)),
                RawFrames.readAll(f.reader(Long.MAX_VALUE, DEFLATE), 100));
    }
}
