package io.condurejava.client;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Data;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The initiator's first message of a WebSocket session (uri ws:// or wss://) turned into the
 * opening handshake: the origin target, a fresh random {@code Sec-WebSocket-Key} (16 bytes from
 * SecureRandom, RFC 6455 §4.1), the request head (always GET, whatever the method field says, as
 * Condure) and the subprotocols the initiator offered. Any thread.
 *
 * @param protocols the initiator's {@code Sec-WebSocket-Protocol} values joined with ", ", or null
 */
record WebSocketRequest(OriginTarget target, String key, byte[] head, String protocols) {
    private static final int KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    static WebSocketRequest of(Data d) throws ClientFailure {
        RequestUri uri = RequestUri.parse(d);
        if (!uri.webSocket()) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "an HTTP uri where a WebSocket was expected");
        }
        byte[] nonce = new byte[KEY_BYTES];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String protocols = null;
        for (HttpHeader h : d.headers()) {
            if (h.is("Sec-WebSocket-Protocol")) {
                protocols = protocols == null ? h.value() : protocols + ", " + h.value();
            }
        }
        return new WebSocketRequest(uri.target(d), key, OriginRequestHead.webSocket(uri, d.headers(), key), protocols);
    }
}
