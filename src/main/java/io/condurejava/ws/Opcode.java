package io.condurejava.ws;

/** Frame opcodes of RFC 6455 §5.2 as int constants (the hot path stays primitive); pure, any thread. */
public final class Opcode {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /** Control frames have opcodes 0x8-0xF (RFC 6455 §5.5). */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /** True for the six opcodes RFC 6455 defines; 0x3-0x7 and 0xB-0xF are reserved. */
    public static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /** A readable name for logs, e.g. {@code TEXT} or {@code 0x3}. */
    public static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "CONTINUATION";
            case TEXT -> "TEXT";
            case BINARY -> "BINARY";
            case CLOSE -> "CLOSE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> "0x" + Integer.toHexString(opcode);
        };
    }
}
