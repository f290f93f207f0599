package io.condurejava.ws;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One whole frame with its unmasked payload. {@code rsv} holds the three reserved bits as a
 * 3-bit number ({@link #RSV1} = 4, {@link #RSV2} = 2, {@link #RSV3} = 1). Immutable by convention
 * (do not mutate {@code payload}); any thread.
 */
public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
    /** RSV1, the "per-message compressed" bit when permessage-deflate is negotiated (RFC 7692 §6). */
    public static final int RSV1 = 4;
    public static final int RSV2 = 2;
    public static final int RSV3 = 1;

    public Frame {
        if ((rsv & ~7) != 0) {
            throw new IllegalArgumentException("rsv must be 0-7: " + rsv);
        }
        if ((opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode must be 0-15: " + opcode);
        }
        payload = payload == null ? new byte[0] : payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.fin == fin && f.rsv == rsv && f.opcode == opcode
                && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + opcode * 16 + rsv * 2 + (fin ? 1 : 0);
    }

    @Override
    public String toString() {
        String shown = payload.length <= 32 ? HexFormat.of().formatHex(payload) : payload.length + " bytes";
        return "Frame[fin=" + fin + ", rsv=" + rsv + ", " + Opcode.name(opcode) + ", " + shown + "]";
    }
}
