package io.condurejava.client;

import io.condurejava.http1.HttpHeader;
import io.condurejava.ws.DeflateAnswer;
import io.condurejava.ws.PerMessageDeflate;
import io.condurejava.zhttp.Data;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The initiator's first message of a WebSocket session (uri ws:// or wss://) turned into the
 * opening handshake: the origin target, a fresh random {@code Sec-WebSocket-Key} (16 bytes from
 * SecureRandom, RFC 6455 §4.1), the request head (always GET, whatever the method field says, as
 * Condure) and the subprotocols the initiator offered. With {@code --compression} the head offers
 * {@code Sec-WebSocket-Extensions: }{@value DeflateAnswer#OFFER}; the initiator's own extension
 * offers never reach the origin (ZHTTP carries no compressed frames, so only we can compress).
 * Any thread.
 *
 * @param protocols the initiator's {@code Sec-WebSocket-Protocol} values joined with ", ", or null
 * @param deflateOffered true when the head offers permessage-deflate
 */
record WebSocketRequest(OriginTarget target, String key, byte[] head, String protocols, boolean deflateOffered) {
    private static final int KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] OFFER_FIELD = (PerMessageDeflate.HEADER_NAME + ": " + DeflateAnswer.OFFER + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    /** The blank line that ends a head. */
    private static final int END_OF_HEAD_BYTES = 2;

    /** @param offerDeflate true to offer permessage-deflate ({@code --compression}) */
    static WebSocketRequest of(Data d, boolean offerDeflate) throws ClientFailure {
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
        byte[] head = OriginRequestHead.webSocket(uri, d.headers(), key);
        return new WebSocketRequest(uri.target(d), key, offerDeflate ? withOffer(head) : head, protocols, offerDeflate);
    }

    /** The head with our extension offer as its last field (before the blank line). */
    private static byte[] withOffer(byte[] head) {
        int fieldsEnd = head.length - END_OF_HEAD_BYTES;
        byte[] out = Arrays.copyOf(head, head.length + OFFER_FIELD.length);
        System.arraycopy(OFFER_FIELD, 0, out, fieldsEnd, OFFER_FIELD.length);
        System.arraycopy(head, fieldsEnd, out, fieldsEnd + OFFER_FIELD.length, END_OF_HEAD_BYTES);
        return out;
    }
}
