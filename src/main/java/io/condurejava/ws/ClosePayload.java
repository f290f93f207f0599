package io.condurejava.ws;

import java.util.Arrays;

/** Decodes and encodes close frame payloads (RFC 6455 §5.5.1, §7.4); pure, any thread. */
final class ClosePayload {
    private static final byte[] EMPTY = new byte[0];

    private ClosePayload() {
    }

    /**
     * A received close payload as an event.
     *
     * @throws WebSocketProtocolException 1002 for a 1-byte payload or a code not valid on the
     *         wire; 1007 when the reason is not UTF-8
     */
    static Incoming.Close decode(byte[] p) throws WebSocketProtocolException {
        if (p.length == 0) {
            return new Incoming.Close(Incoming.Close.NO_CODE, EMPTY);
        }
        if (p.length == 1) {
            throw WebSocketProtocolException.protocol("close payload of 1 byte");
        }
        int code = ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
        if (!CloseCodes.validOnWire(code)) {
            throw WebSocketProtocolException.protocol("invalid close code " + code);
        }
        if (!Utf8Validator.isValid(p, 2, p.length - 2)) {
            throw new WebSocketProtocolException(CloseCodes.INVALID_PAYLOAD, "close reason is not UTF-8");
        }
        return new Incoming.Close(code, Arrays.copyOfRange(p, 2, p.length));
    }

    /**
     * The payload for a close frame: empty when {@code code} is -1, else the code big-endian and
     * the reason. Does not judge the code (a local peer may have reasons to send any).
     *
     * @throws IllegalArgumentException when code is outside -1..65535, a reason comes without a
     *         code, or the reason is longer than {@link CloseCodes#MAX_REASON_BYTES}
     */
    static byte[] encode(int code, byte[] reason) {
        int reasonLength = reason == null ? 0 : reason.length;
        if (code == Incoming.Close.NO_CODE) {
            if (reasonLength > 0) {
                throw new IllegalArgumentException("a close reason needs a code");
            }
            return EMPTY;
        }
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("close code out of range: " + code);
        }
        if (reasonLength > CloseCodes.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason longer than 123 bytes: " + reasonLength);
        }
        byte[] p = new byte[2 + reasonLength];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        if (reasonLength > 0) {
            System.arraycopy(reason, 0, p, 2, reasonLength);
        }
        return p;
    }
}
