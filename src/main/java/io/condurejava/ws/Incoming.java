package io.condurejava.ws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link MessageReader#next} yields: a piece of a data message, or a control message.
 * Immutable by convention (do not mutate the arrays); any thread.
 */
public sealed interface Incoming {

    /**
     * A piece of a text or binary message, already decompressed; {@code last} marks the piece that
     * completes the message (it may be empty). Text pieces may end inside a UTF-8 sequence; the
     * message as a whole is valid UTF-8.
     */
    record DataPart(boolean text, byte[] data, boolean last) implements Incoming {
        @Override
        public boolean equals(Object o) {
            return o instanceof DataPart d && d.text == text && d.last == last && Arrays.equals(d.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) * 4 + (text ? 2 : 0) + (last ? 1 : 0);
        }

        @Override
        public String toString() {
            return "DataPart[" + (text ? "text" : "binary") + ", " + data.length + " bytes" + (last ? ", last]" : "]");
        }
    }

    /** A ping and its payload (0-125 bytes). The codec never answers it. */
    record Ping(byte[] payload) implements Incoming {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && Arrays.equals(p.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Ping[" + payload.length + " bytes]";
        }
    }

    /** A pong and its payload (0-125 bytes). */
    record Pong(byte[] payload) implements Incoming {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(p.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Pong[" + payload.length + " bytes]";
        }
    }

    /**
     * A close frame: {@code code} is -1 when the frame had no payload (RFC 6455 §7.1.5 "no status",
     * ZHTTP "no code"), otherwise a code valid on the wire; {@code reason} is valid UTF-8 (may be empty).
     */
    record Close(int code, byte[] reason) implements Incoming {
        /** The {@code code} of a close frame without payload. */
        public static final int NO_CODE = -1;

        public String reasonText() {
            return new String(reason, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Close c && c.code == code && Arrays.equals(c.reason, reason);
        }

        @Override
        public int hashCode() {
            return code * 31 + Arrays.hashCode(reason);
        }

        @Override
        public String toString() {
            return "Close[" + code + ", " + reasonText() + "]";
        }
    }
}
