package io.condurejava.client;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The initiator's first message turned into what the exchange needs: the origin target, the
 * request head bytes, and the body framing — the initiator's {@code Content-Length} if it gave one,
 * else chunked when more body follows, else the length of the body at hand. Pure; any thread.
 *
 * @param length the declared body length, or -1 when not fixed
 */
record OutgoingRequest(OriginTarget target, byte[] head, OriginRequestHead.Framing framing, long length) {
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    static OutgoingRequest of(Data d) throws ClientFailure {
        if (d.uri() == null) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "no uri");
        }
        URI uri;
        try {
            uri = new URI(d.uri());
        } catch (URISyntaxException e) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "bad uri: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("ws") || scheme.equals("wss")) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "WebSocket client sessions are not implemented yet");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "unsupported scheme: " + scheme);
        }
        if (uri.getHost() == null || d.method() == null) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "uri without host, or no method");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? HTTPS_PORT : HTTP_PORT;
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort;
        OriginTarget target = new OriginTarget(uri.getHost(), port, tls, d.connectHost(), d.connectPort(),
                d.ignorePolicies(), d.ignoreTlsErrors(), d.trustConnectHost());
        long declared = declaredLength(d);
        OriginRequestHead.Framing framing;
        long length;
        if (declared >= 0) {
            framing = OriginRequestHead.Framing.LENGTH;
            length = declared;
        } else if (d.more()) {
            framing = OriginRequestHead.Framing.CHUNKED;
            length = -1;
        } else if (d.body().length > 0 || BODY_METHODS.contains(d.method())) {
            framing = OriginRequestHead.Framing.LENGTH;
            length = d.body().length;
        } else {
            framing = OriginRequestHead.Framing.NONE;
            length = 0;
        }
        byte[] head = OriginRequestHead.build(d.method(), uri, OriginRequestHead.hostValue(uri, port, defaultPort),
                d.headers(), framing, length);
        return new OutgoingRequest(target, head, framing, framing == OriginRequestHead.Framing.CHUNKED ? -1 : length);
    }

    /** The initiator's Content-Length (all copies equal), or -1; anything unparsable is a bad request. */
    private static long declaredLength(Data d) throws ClientFailure {
        long found = -1;
        for (HttpHeader h : d.headers()) {
            if (!h.is("Content-Length")) {
                continue;
            }
            String v = h.value().strip();
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ClientFailure(Conditions.BAD_REQUEST, "invalid Content-Length");
            }
            long n = Long.parseLong(v);
            if (found >= 0 && found != n) {
                throw new ClientFailure(Conditions.BAD_REQUEST, "conflicting Content-Length");
            }
            found = n;
        }
        return found;
    }
}
