package io.condurejava.client;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Data;

import java.util.Set;

/**
 * The initiator's first message turned into what the exchange needs: the origin target, the
 * request head bytes, and the body framing — the initiator's {@code Content-Length} if it gave one,
 * else chunked when more body follows, else the length of the body at hand. Pure; any thread.
 *
 * @param length the declared body length, or -1 when not fixed
 */
record OutgoingRequest(OriginTarget target, byte[] head, OriginRequestHead.Framing framing, long length) {
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    static OutgoingRequest of(Data d) throws ClientFailure {
        RequestUri uri = RequestUri.parse(d);
        if (uri.webSocket()) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "a WebSocket uri where an HTTP request was expected");
        }
        if (d.method() == null) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "no method");
        }
        OriginTarget target = uri.target(d);
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
        byte[] head = OriginRequestHead.build(d.method(), uri, d.headers(), framing, length);
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
