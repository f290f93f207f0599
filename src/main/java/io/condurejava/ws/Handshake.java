package io.condurejava.ws;

import io.condurejava.http1.FieldLists;
import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.HttpVersion;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The server side of the opening handshake (RFC 6455 §4.2): which requests ask for a WebSocket,
 * whether such a request is acceptable, the {@code Sec-WebSocket-Accept} value and the response
 * headers of an accept. Differs from Condure: {@code Upgrade} is matched as a case-insensitive
 * token (Condure: exact value {@code websocket}), {@code Connection} must list {@code upgrade},
 * HTTP/1.0 is refused, and the key must be base64 of 16 bytes (Condure: any key). Pure; any thread.
 */
public final class Handshake {
    /** The GUID appended to the key before hashing (RFC 6455 §1.3). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The only protocol version this server speaks. */
    public static final String VERSION = "13";
    public static final String KEY_HEADER = "Sec-WebSocket-Key";
    public static final String VERSION_HEADER = "Sec-WebSocket-Version";
    public static final String ACCEPT_HEADER = "Sec-WebSocket-Accept";
    private static final int KEY_BYTES = 16;
    /** Response fields the server sets itself; a handler's copies are dropped (as Condure does). */
    private static final List<String> SERVER_OWNED_HEADERS =
            List.of("Upgrade", "Connection", ACCEPT_HEADER, PerMessageDeflate.HEADER_NAME);

    private Handshake() {
    }

    /** The outcome of {@link #validate}. */
    public sealed interface Result {
        /** Acceptable; {@code key} is the client's {@code Sec-WebSocket-Key}. */
        record Valid(String key) implements Result {
        }

        /** Not acceptable, for this reason. */
        record Invalid(HandshakeViolation violation) implements Result {
        }
    }

    /** Does the request ask for a WebSocket: an {@code Upgrade} field listing {@code websocket} (any case)? */
    public static boolean isWebSocketRequest(List<HttpHeader> headers) {
        return FieldLists.hasToken(headers, "Upgrade", "websocket");
    }

    /** Checks a WebSocket request against RFC 6455 §4.2.1 (and Condure's no-body rule). */
    public static Result validate(String method, HttpVersion version, List<HttpHeader> headers) {
        HandshakeViolation v = violation(method, version, headers);
        return v == null ? new Result.Valid(HeaderTokens.first(headers, KEY_HEADER)) : new Result.Invalid(v);
    }

    private static HandshakeViolation violation(String method, HttpVersion version, List<HttpHeader> headers) {
        if (!isWebSocketRequest(headers)) {
            return HandshakeViolation.NOT_WEBSOCKET_UPGRADE;
        }
        if (!method.equals("GET")) {
            return HandshakeViolation.METHOD_NOT_GET;
        }
        if (version != HttpVersion.HTTP_1_1) {
            return HandshakeViolation.HTTP_VERSION_TOO_OLD;
        }
        if (hasBody(headers)) {
            return HandshakeViolation.REQUEST_BODY;
        }
        if (!FieldLists.hasToken(headers, "Connection", "upgrade")) {
            return HandshakeViolation.CONNECTION_WITHOUT_UPGRADE;
        }
        int keys = HeaderTokens.count(headers, KEY_HEADER);
        if (keys == 0) {
            return HandshakeViolation.MISSING_KEY;
        }
        if (keys > 1) {
            return HandshakeViolation.DUPLICATE_KEY;
        }
        if (!isValidKey(HeaderTokens.first(headers, KEY_HEADER))) {
            return HandshakeViolation.INVALID_KEY;
        }
        int versions = HeaderTokens.count(headers, VERSION_HEADER);
        if (versions == 0) {
            return HandshakeViolation.MISSING_VERSION;
        }
        if (versions > 1) {
            return HandshakeViolation.DUPLICATE_VERSION;
        }
        if (!VERSION.equals(HeaderTokens.first(headers, VERSION_HEADER))) {
            return HandshakeViolation.UNSUPPORTED_VERSION;
        }
        return null;
    }

    private static boolean hasBody(List<HttpHeader> headers) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpHeader h = headers.get(i);
            if (h.is("Transfer-Encoding")) {
                return true;
            }
            if (h.is("Content-Length") && !h.value().matches("0+")) {
                return true;
            }
        }
        return false;
    }

    /** Base64 (RFC 4648 §4, padded) of exactly 16 bytes. */
    static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code base64(SHA-1(key + GUID))} (RFC 6455 §4.2.2 (5.4)). */
    public static String acceptKey(String key) {
        return Base64.getEncoder().encodeToString(Sha1.digest(key, GUID));
    }

    /**
     * The handler's headers without the fields the server owns ({@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-Accept}, {@code Sec-WebSocket-Extensions}; any case), for accepts and rejects.
     */
    public static List<HttpHeader> withoutServerOwnedHeaders(List<HttpHeader> handlerHeaders) {
        List<HttpHeader> out = new ArrayList<>(handlerHeaders.size() + 4);
        for (int i = 0, n = handlerHeaders.size(); i < n; i++) {
            HttpHeader h = handlerHeaders.get(i);
            if (!isServerOwned(h)) {
                out.add(h);
            }
        }
        return out;
    }

    private static boolean isServerOwned(HttpHeader h) {
        for (int i = 0, n = SERVER_OWNED_HEADERS.size(); i < n; i++) {
            if (h.is(SERVER_OWNED_HEADERS.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The headers of a 101 response as Condure writes them: the handler's (minus the server-owned
     * ones), then {@code Upgrade: websocket}, {@code Connection: Upgrade}, {@code Sec-WebSocket-Accept}
     * and, when negotiated, {@code Sec-WebSocket-Extensions}.
     *
     * @param deflate the negotiated permessage-deflate parameters, or null
     */
    public static List<HttpHeader> acceptHeaders(List<HttpHeader> handlerHeaders, String key,
                                                 PerMessageDeflate.Negotiated deflate) {
        List<HttpHeader> out = withoutServerOwnedHeaders(handlerHeaders);
        out.add(new HttpHeader("Upgrade", "websocket"));
        out.add(new HttpHeader("Connection", "Upgrade"));
        out.add(new HttpHeader(ACCEPT_HEADER, acceptKey(key)));
        if (deflate != null) {
            out.add(deflate.responseHeader());
        }
        return out;
    }
}
