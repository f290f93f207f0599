package io.condurejava.zhttp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code type: close} — WebSocket close: status {@code code} ({@code -1} = absent) and the
 * close reason (wire field {@code body}; UTF-8 on the wire, checked by the decoder).
 * Immutable by convention (do not mutate {@code reason}); any thread.
 */
public record Close(int code, byte[] reason) implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "close";

    public Close {
        if (code < -1 || code > ZhttpCodec.CODE_MAX) {
            throw new IllegalArgumentException("close code out of range: " + code);
        }
        reason = PayloadBytes.orEmpty(reason);
    }

    /** A close with a code and a text reason. */
    public static Close of(int code, String reason) {
        return new Close(code, reason == null ? null : reason.getBytes(StandardCharsets.UTF_8));
    }

    /** The reason decoded as UTF-8. */
    public String reasonText() {
        return PayloadBytes.utf8(reason);
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Close c && c.code == code && Arrays.equals(c.reason, reason);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(reason);
    }

    @Override
    public String toString() {
        return "Close[code=" + code + ", reason=" + PayloadBytes.describe(reason) + "]";
    }
}
