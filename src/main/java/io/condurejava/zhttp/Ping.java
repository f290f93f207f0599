package io.condurejava.zhttp;

import java.util.Arrays;

/**
 * {@code type: ping} — WebSocket ping with its payload {@code body} and optional {@code credits}
 * granted to the receiver (0 = none). Immutable by convention (do not mutate {@code body}); any thread.
 */
public record Ping(byte[] body, int credits) implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "ping";

    public Ping {
        body = PayloadBytes.orEmpty(body);
        if (credits < 0) {
            throw new IllegalArgumentException("credits must be >= 0, got " + credits);
        }
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ping p && p.credits == credits && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * credits + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Ping[body=" + PayloadBytes.describe(body) + ", credits=" + credits + "]";
    }
}
