package io.condurejava.zhttp;

import io.condurejava.http1.HttpHeader;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A data packet (no {@code type} field on the wire): request start, response start, body
 * chunk or WebSocket message. Absent fields: Strings null, headers empty, body empty (never
 * null), credits 0, booleans false, and {@code -1} for maxSize, timeout, peerPort, code and
 * connectPort. Immutable by convention (do not mutate {@code body}); any thread.
 */
public record Data(String method, String uri, List<HttpHeader> headers, String contentType, byte[] body,
                   int credits, boolean more, boolean stream, long maxSize, long timeout,
                   String peerAddress, int peerPort, int code, String reason,
                   String connectHost, int connectPort, boolean ignorePolicies, boolean trustConnectHost,
                   boolean ignoreTlsErrors, boolean followRedirects) implements Payload {
    /** Wire name of this type (never written: data is the default type). */
    public static final String TYPE = "data";
    /** WebSocket content-type of binary messages; any other value means text. */
    public static final String CONTENT_TYPE_BINARY = "binary";
    /** WebSocket content-type of text messages. */
    public static final String CONTENT_TYPE_TEXT = "text";

    public Data {
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = PayloadBytes.orEmpty(body);
        if (credits < 0) {
            throw new IllegalArgumentException("credits must be >= 0, got " + credits);
        }
        checkRange("maxSize", maxSize, Long.MAX_VALUE);
        checkRange("timeout", timeout, Long.MAX_VALUE);
        checkRange("peerPort", peerPort, ZhttpCodec.PORT_MAX);
        checkRange("code", code, ZhttpCodec.CODE_MAX);
        checkRange("connectPort", connectPort, ZhttpCodec.PORT_MAX);
    }

    private static void checkRange(String name, long value, long max) {
        if (value < -1 || value > max) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }

    /** Request start as Condure sends it (peerAddress null and peerPort -1 for Unix sockets). */
    public static Data request(String method, String uri, List<HttpHeader> headers, int credits, boolean more,
                               boolean stream, String peerAddress, int peerPort) {
        return builder().method(method).uri(uri).headers(headers).credits(credits).more(more).stream(stream)
                .peerAddress(peerAddress).peerPort(peerPort).build();
    }

    /** A body chunk; {@code more} is true on all but the last one. */
    public static Data body(byte[] body, boolean more) {
        return builder().body(body).more(more).build();
    }

    /** Response start (may carry the whole body). */
    public static Data response(int code, String reason, List<HttpHeader> headers, byte[] body, boolean more,
                                int credits) {
        return builder().code(code).reason(reason).headers(headers).body(body).more(more).credits(credits).build();
    }

    /** A WebSocket message (or part of one when {@code more}); contentType "text" or "binary". */
    public static Data message(String contentType, byte[] body, boolean more) {
        return builder().contentType(contentType).body(body).more(more).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this packet's fields. */
    public Builder toBuilder() {
        return builder().method(method).uri(uri).headers(headers).contentType(contentType).body(body)
                .credits(credits).more(more).stream(stream).maxSize(maxSize).timeout(timeout)
                .peerAddress(peerAddress).peerPort(peerPort).code(code).reason(reason).connectHost(connectHost)
                .connectPort(connectPort).ignorePolicies(ignorePolicies).trustConnectHost(trustConnectHost)
                .ignoreTlsErrors(ignoreTlsErrors).followRedirects(followRedirects);
    }

    /** True for WebSocket binary content ({@code content-type: binary}). */
    public boolean isBinary() {
        return CONTENT_TYPE_BINARY.equals(contentType);
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && credits == d.credits && more == d.more && stream == d.stream
                && maxSize == d.maxSize && timeout == d.timeout && peerPort == d.peerPort && code == d.code
                && connectPort == d.connectPort && ignorePolicies == d.ignorePolicies
                && trustConnectHost == d.trustConnectHost && ignoreTlsErrors == d.ignoreTlsErrors
                && followRedirects == d.followRedirects && Objects.equals(method, d.method)
                && Objects.equals(uri, d.uri) && headers.equals(d.headers)
                && Objects.equals(contentType, d.contentType) && Arrays.equals(body, d.body)
                && Objects.equals(peerAddress, d.peerAddress) && Objects.equals(reason, d.reason)
                && Objects.equals(connectHost, d.connectHost);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(method, uri, headers, contentType, credits, more, stream, maxSize, timeout,
                peerAddress, peerPort, code, reason, connectHost, connectPort, ignorePolicies, trustConnectHost,
                ignoreTlsErrors, followRedirects) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Data[method=" + method + ", uri=" + uri + ", code=" + code + ", reason=" + reason
                + ", headers=" + headers + ", contentType=" + contentType + ", body=" + PayloadBytes.describe(body)
                + ", credits=" + credits + ", more=" + more + ", stream=" + stream + ", maxSize=" + maxSize
                + ", timeout=" + timeout + ", peer=" + peerAddress + ":" + peerPort + ", connect=" + connectHost
                + ":" + connectPort + ", ignorePolicies=" + ignorePolicies + ", trustConnectHost="
                + trustConnectHost + ", ignoreTlsErrors=" + ignoreTlsErrors + ", followRedirects="
                + followRedirects + "]";
    }

    /** Mutable builder starting from "everything absent"; one thread. */
    public static final class Builder {
        private String method;
        private String uri;
        private List<HttpHeader> headers = List.of();
        private String contentType;
        private byte[] body = PayloadBytes.EMPTY;
        private int credits;
        private boolean more;
        private boolean stream;
        private long maxSize = -1;
        private long timeout = -1;
        private String peerAddress;
        private int peerPort = -1;
        private int code = -1;
        private String reason;
        private String connectHost;
        private int connectPort = -1;
        private boolean ignorePolicies;
        private boolean trustConnectHost;
        private boolean ignoreTlsErrors;
        private boolean followRedirects;

        private Builder() {
        }

        public Builder method(String v) { method = v; return this; }
        public Builder uri(String v) { uri = v; return this; }
        public Builder headers(List<HttpHeader> v) { headers = v; return this; }
        public Builder contentType(String v) { contentType = v; return this; }
        public Builder body(byte[] v) { body = v; return this; }
        public Builder credits(int v) { credits = v; return this; }
        public Builder more(boolean v) { more = v; return this; }
        public Builder stream(boolean v) { stream = v; return this; }
        public Builder maxSize(long v) { maxSize = v; return this; }
        public Builder timeout(long v) { timeout = v; return this; }
        public Builder peerAddress(String v) { peerAddress = v; return this; }
        public Builder peerPort(int v) { peerPort = v; return this; }
        public Builder code(int v) { code = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder connectHost(String v) { connectHost = v; return this; }
        public Builder connectPort(int v) { connectPort = v; return this; }
        public Builder ignorePolicies(boolean v) { ignorePolicies = v; return this; }
        public Builder trustConnectHost(boolean v) { trustConnectHost = v; return this; }
        public Builder ignoreTlsErrors(boolean v) { ignoreTlsErrors = v; return this; }
        public Builder followRedirects(boolean v) { followRedirects = v; return this; }

        public Data build() {
            return new Data(method, uri, headers, contentType, body, credits, more, stream, maxSize, timeout,
                    peerAddress, peerPort, code, reason, connectHost, connectPort, ignorePolicies,
                    trustConnectHost, ignoreTlsErrors, followRedirects);
        }
    }
}
