package io.condurejava.client;

import io.condurejava.http1.HttpHeader;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the HTTP/1.1 request head sent to the origin: request-line with the URI's path and query,
 * {@code Host} from the URI (the initiator's Host is replaced), the initiator's headers except
 * hop-by-hop and framing fields, then our own fields: the body framing ({@code Content-Length} or
 * chunked; no {@code Connection} field: HTTP/1.1 keeps the connection, see {@link OriginPool}), or for a WebSocket the opening handshake fields
 * ({@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Version}, {@code Sec-WebSocket-Key};
 * the initiator's {@code Sec-WebSocket-Protocol} passes through, its extension offers do not: ZHTTP
 * carries no compressed frames; with --compression {@link WebSocketRequest} adds our own offer). Rejects header names that are not tokens and values with CR, LF
 * or NUL. Pure; any thread.
 */
final class OriginRequestHead {
    /** Body framing chosen for the origin request. */
    enum Framing { NONE, LENGTH, CHUNKED }

    private static final Set<String> DROPPED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade");
    /** Also dropped from a WebSocket request: the handshake fields are ours. */
    private static final Set<String> DROPPED_WEBSOCKET = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-accept", "sec-websocket-extensions");
    private static final String TCHARS = "!#$%&'*+-.^_`|~";

    private OriginRequestHead() {
    }

    /** An HTTP request head with the given framing; the connection may be kept (HTTP/1.1's default). */
    static byte[] build(String method, RequestUri uri, List<HttpHeader> headers, Framing framing, long length)
            throws ClientFailure {
        StringBuilder head = start(method, uri, headers, Set.of());
        switch (framing) {
            case LENGTH -> head.append("Content-Length: ").append(length).append("\r\n");
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case NONE -> { }
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A WebSocket opening handshake (RFC 6455 §4.1): GET, no body, our {@code key}. */
    static byte[] webSocket(RequestUri uri, List<HttpHeader> headers, String key) throws ClientFailure {
        StringBuilder head = start("GET", uri, headers, DROPPED_WEBSOCKET);
        head.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static StringBuilder start(String method, RequestUri requestUri, List<HttpHeader> headers,
                                       Set<String> alsoDropped) throws ClientFailure {
        if (!isToken(method)) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "method is not a token");
        }
        URI uri = requestUri.uri();
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(requestUri.hostValue()).append("\r\n");
        for (HttpHeader h : headers) {
            if (!isToken(h.name()) || !isValue(h.value())) {
                throw new ClientFailure(Conditions.BAD_REQUEST, "invalid request header");
            }
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(lower) && !alsoDropped.contains(lower)) {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        return head;
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TCHARS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
