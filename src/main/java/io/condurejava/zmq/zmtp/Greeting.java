package io.condurejava.zmq.zmtp;

import java.nio.charset.StandardCharsets;

/**
 * The 64-byte ZMTP 3.0 greeting (RFC 23): signature, version, mechanism, as-server flag, filler. We offer
 * version 3.0 and the NULL mechanism only; a 3.1 peer (libzmq 4.2+) then speaks 3.0 to us. Pure functions;
 * any thread.
 */
final class Greeting {
    static final int BYTES = 64;
    private static final int VERSION_MAJOR_AT = 10;
    private static final int MECHANISM_AT = 12;
    private static final int MECHANISM_BYTES = 20;
    private static final byte[] NULL_MECHANISM = "NULL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OURS = build();

    private Greeting() {
    }

    /** Our greeting: signature {@code FF 00..01 7F}, version 3.0, mechanism NULL, not as-server. */
    static byte[] ours() {
        return OURS.clone();
    }

    /**
     * Checks the first {@code filled} bytes of a greeting still arriving, so that a peer that is plainly not
     * ZMTP (an HTTP request, say) is turned away at once; null when nothing is wrong so far.
     */
    static String problemWithStart(byte[] greeting, int filled) {
        if (filled >= 1 && (greeting[0] & 0xFF) != 0xFF) {
            return "not a ZMTP 2+ signature (first byte " + hex(greeting, 1) + ")";
        }
        if (filled >= 10 && (greeting[9] & 0x01) == 0) {
            return "not a ZMTP 2+ signature (first bytes " + hex(greeting, 10) + ")";
        }
        if (filled >= 11 && (greeting[VERSION_MAJOR_AT] & 0xFF) < 3) {
            return "peer speaks ZMTP " + (greeting[VERSION_MAJOR_AT] & 0xFF) + ".x; 3.0 or later is needed";
        }
        return null;
    }

    /**
     * Checks a peer's whole greeting; returns null when we can talk to it, else why not (for the log line).
     */
    static String problemWith(byte[] greeting) {
        if ((greeting[0] & 0xFF) != 0xFF || (greeting[9] & 0x01) == 0) {
            return "not a ZMTP 2+ signature (first bytes " + hex(greeting, 10) + ")";
        }
        int major = greeting[VERSION_MAJOR_AT] & 0xFF;
        if (major < 3) {
            return "peer speaks ZMTP " + major + ".x; 3.0 or later is needed";
        }
        for (int i = 0; i < MECHANISM_BYTES; i++) {
            byte expected = i < NULL_MECHANISM.length ? NULL_MECHANISM[i] : 0;
            if (greeting[MECHANISM_AT + i] != expected) {
                String name = new String(greeting, MECHANISM_AT, MECHANISM_BYTES, StandardCharsets.US_ASCII).trim();
                return "security mechanism \"" + name + "\" is not supported (only NULL)";
            }
        }
        return null;
    }

    private static byte[] build() {
        byte[] g = new byte[BYTES];
        g[0] = (byte) 0xFF;
        g[8] = 1; // padding as libzmq writes it: a 64-bit length of 1 (an empty ZMTP 1.0 identity)
        g[9] = 0x7F;
        g[VERSION_MAJOR_AT] = 3;
        g[VERSION_MAJOR_AT + 1] = 0;
        System.arraycopy(NULL_MECHANISM, 0, g, MECHANISM_AT, NULL_MECHANISM.length);
        return g;
    }

    private static String hex(byte[] bytes, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count && i < bytes.length; i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
