package io.condurejava.zhttp;

import io.condurejava.http1.HttpHeader;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code type: error} — a {@code condition} name (null = absent); with {@code rejected}
 * (WebSocket handshake refused) also the HTTP response: {@code code} ({@code -1} = absent),
 * {@code reason}, {@code headers}, {@code body}. Immutable by convention (do not mutate
 * {@code body}); any thread.
 */
public record ErrorPacket(String condition, int code, String reason, List<HttpHeader> headers, byte[] body)
        implements Payload {
    /** Wire name of this type. */
    public static final String TYPE = "error";
    /** The condition that carries a rejected WebSocket handshake response. */
    public static final String REJECTED = "rejected";

    public ErrorPacket {
        if (code < -1 || code > ZhttpCodec.CODE_MAX) {
            throw new IllegalArgumentException("code out of range: " + code);
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = PayloadBytes.orEmpty(body);
    }

    /** An error with only a condition. */
    public static ErrorPacket of(String condition) {
        return new ErrorPacket(condition, -1, null, List.of(), null);
    }

    /** A {@code rejected} error carrying the response that refused a WebSocket handshake. */
    public static ErrorPacket rejected(int code, String reason, List<HttpHeader> headers, byte[] body) {
        return new ErrorPacket(REJECTED, code, reason, headers, body);
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorPacket e && e.code == code && Objects.equals(e.condition, condition)
                && Objects.equals(e.reason, reason) && e.headers.equals(headers) && Arrays.equals(e.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(condition, code, reason, headers) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "ErrorPacket[condition=" + condition + ", code=" + code + ", reason=" + reason
                + ", headers=" + headers + ", body=" + PayloadBytes.describe(body) + "]";
    }
}
