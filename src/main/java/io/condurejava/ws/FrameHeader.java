package io.condurejava.ws;

/**
 * A decoded frame header (RFC 6455 §5.2): FIN, the reserved bits as a 3-bit number (see
 * {@link Frame#RSV1}), opcode, whether a masking key was present and the payload length.
 * Immutable; any thread.
 */
public record FrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {

    /** True for close, ping and pong (opcodes 0x8-0xF). */
    public boolean isControl() {
        return Opcode.isControl(opcode);
    }
}
