package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import static io.condurejava.ws.RawFrames.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6455 §5.2: reserved opcodes 0x3-0x7 and 0xB-0xF fail the connection with 1002. */
class BadOpcodeTest {
    private static final int[] RESERVED = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15};

    @Test
    void reservedOpcodeAsFirstFrameIs1002() {
        for (int opcode : RESERVED) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(true, 0, opcode, bytes("x")).failureCode(),
                    "opcode " + opcode);
            assertEquals(CloseCodes.PROTOCOL_ERROR, new RawFrames().frame(false, 0, opcode, new byte[0]).failureCode(),
                    "non-final opcode " + opcode);
        }
    }

    @Test
    void reservedOpcodeInsideAFragmentedMessageIs1002() {
        for (int opcode : RESERVED) {
            RawFrames f = new RawFrames().text(false, "ab").frame(true, 0, opcode, bytes("x")).cont(true, "c");
            assertEquals(CloseCodes.PROTOCOL_ERROR, f.failureCode(), "opcode " + opcode);
        }
    }

    @Test
    void reservedOpcodeAfterAValidMessageIs1002() {
        RawFrames f = new RawFrames().text(true, "ok").frame(true, 0, 0xB, new byte[0]);
        assertEquals(CloseCodes.PROTOCOL_ERROR, f.failureCode());
    }

    @Test
    void opcodeClassification() {
        for (int op = 0; op < 16; op++) {
            boolean reserved = contains(op);
            assertEquals(!reserved, Opcode.isDefined(op), "opcode " + op);
        }
        assertTrue(Opcode.isControl(Opcode.PING));
        assertFalse(Opcode.isControl(Opcode.BINARY));
    }

    private static boolean contains(int op) {
        for (int r : RESERVED) {
            if (r == op) {
                return true;
            }
        }
        return false;
    }
}
