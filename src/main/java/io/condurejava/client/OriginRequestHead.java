package io.condurejava.client;

import io.condurejava.http1.HttpHeader;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the HTTP/1.1 request head sent to the origin: request-line with the URI's path and query,
 * {@code Host} from the URI (the initiator's Host is replaced), the initiator's headers except
 * hop-by-hop and framing fields, then our own framing ({@code Content-Length} or chunked) and
 * {@code Connection: close} (origin connections are not reused yet). Rejects header names that are
 * not tokens and values with CR, LF or NUL. Pure; any thread.
 */
final class OriginRequestHead {
    /** Body framing chosen for the origin request. */
    enum Framing { NONE, LENGTH, CHUNKED }

    private static final Set<String> DROPPED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection", "te", "trailer", "upgrade");
    private static final String TCHARS = "!#$%&'*+-.^_`|~";

    private OriginRequestHead() {
    }

    /** The Host field value for a URI: host, with the port only when it is not the scheme's default. */
    static String hostValue(URI uri, int port, int defaultPort) {
        String host = uri.getHost();
        return port == defaultPort ? host : host + ":" + port;
    }

    static byte[] build(String method, URI uri, String host, List<HttpHeader> headers, Framing framing,
                        long length) throws ClientFailure {
        if (!isToken(method)) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "method is not a token");
        }
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        for (HttpHeader h : headers) {
            if (!isToken(h.name()) || !isValue(h.value())) {
                throw new ClientFailure(Conditions.BAD_REQUEST, "invalid request header");
            }
            if (!DROPPED.contains(h.name().toLowerCase(Locale.ROOT))) {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        switch (framing) {
            case LENGTH -> head.append("Content-Length: ").append(length).append("\r\n");
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case NONE -> { }
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length());
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
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
