package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static io.condurejava.ws.RawFrames.bytes;
import static io.condurejava.ws.RawFrames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 6455 §5.5.1 and §7.4: close payload length, code validity (1002) and UTF-8 reason (1007). */
class CloseCodeTest {
    private static final int[] VALID = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    private static final int[] INVALID = {0, 1, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999,
            5000, 65535};

    private static RawFrames close(byte[] payload) {
        return new RawFrames().frame(true, 0, Opcode.CLOSE, payload);
    }

    private static byte[] payload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    @Test
    void validCodesAreDelivered() throws IOException {
        for (int code : VALID) {
            assertEquals(List.of(new Incoming.Close(code, bytes("bye"))), close(payload(code, bytes("bye"))).readAll());
        }
    }

    @Test
    void invalidCodesAre1002() {
        for (int code : INVALID) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, close(payload(code, new byte[0])).failureCode(), "code " + code);
        }
    }

    @Test
    void validOnWireMatchesTheRanges() {
        for (int code = 0; code < 70000; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCodes.validOnWire(code), "code " + code);
        }
    }

    @Test
    void emptyPayloadMeansNoCode() throws IOException {
        assertEquals(List.of(new Incoming.Close(Incoming.Close.NO_CODE, new byte[0])), close(new byte[0]).readAll());
    }

    @Test
    void oneBytePayloadIs1002() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, close(hex("03")).failureCode());
    }

    @Test
    void reasonMustBeUtf8() throws IOException {
        assertEquals(CloseCodes.INVALID_PAYLOAD, close(payload(1000, hex("ff"))).failureCode());
        assertEquals(CloseCodes.INVALID_PAYLOAD, close(payload(1000, hex("ce"))).failureCode());
        assertEquals(CloseCodes.INVALID_PAYLOAD, close(payload(1000, hex("ed a0 80"))).failureCode());
        byte[] reason = "ü".repeat(61).getBytes(java.nio.charset.StandardCharsets.UTF_8); // 122 bytes
        assertEquals(List.of(new Incoming.Close(4000, reason)), close(payload(4000, reason)).readAll());
    }

    @Test
    void writerEncodesCodeAndReason() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(out, Role.SERVER, null);
        w.writeClose(Incoming.Close.NO_CODE, null);
        w.writeClose(1001, bytes("bye"));
        w.writeClose(1000, new byte[CloseCodes.MAX_REASON_BYTES]);
        byte[] wire = out.toByteArray();
        assertArrayEquals(hex("88 00 88 05 03 e9 62 79 65 88 7d 03 e8"), java.util.Arrays.copyOf(wire, 13));
        assertEquals(2 + 7 + 2 + 125, wire.length);
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(1000, new byte[CloseCodes.MAX_REASON_BYTES + 1]));
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(Incoming.Close.NO_CODE, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> w.writeClose(70000, null));
    }
}
