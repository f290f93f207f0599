package io.condurejava.client;

import io.condurejava.http1.HttpHeader;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.ws.DeflateAnswer;
import io.condurejava.ws.Handshake;
import io.condurejava.ws.PerMessageDeflate;

import java.util.List;

/**
 * Checks an origin's 101 answer to our opening handshake as RFC 6455 §4.1 asks of a client:
 * {@code Upgrade} lists {@code websocket} and {@code Connection} lists {@code upgrade} (tokens,
 * any case), exactly one {@code Sec-WebSocket-Accept} equal to the value computed from our key,
 * {@code Sec-WebSocket-Extensions} only as {@link DeflateAnswer} allows (none unless we offered
 * permessage-deflate; then at most a valid acceptance of it, RFC 7692), and a
 * {@code Sec-WebSocket-Protocol} only if it is one of the protocols the initiator offered. Pure; any thread.
 */
final class WebSocketAnswer {
    private WebSocketAnswer() {
    }

    /** Null when the answer completes the handshake, else what is wrong with it. */
    static String problem(IncomingResponseHead head, WebSocketRequest request) {
        List<HttpHeader> h = head.headers();
        if (!anyListContains(h, "Upgrade", "websocket")) {
            return "101 without Upgrade: websocket";
        }
        if (!anyListContains(h, "Connection", "upgrade")) {
            return "101 without Connection: upgrade";
        }
        List<String> accepts = values(h, Handshake.ACCEPT_HEADER);
        if (accepts.size() != 1 || !accepts.get(0).equals(Handshake.acceptKey(request.key()))) {
            return "wrong Sec-WebSocket-Accept " + accepts;
        }
        if (extensions(head, request) instanceof DeflateAnswer.Verdict.Invalid invalid) {
            return invalid.problem();
        }
        List<String> protocols = values(h, "Sec-WebSocket-Protocol");
        if (!protocols.isEmpty()) {
            if (protocols.size() != 1 || request.protocols() == null
                    || !listContains(request.protocols(), protocols.get(0), true)) {
                return "subprotocol " + protocols + " was not offered";
            }
        }
        return null;
    }

    /** The permessage-deflate parameters agreed in an answer {@link #problem} found fine, or null for none. */
    static PerMessageDeflate.Negotiated deflate(IncomingResponseHead head, WebSocketRequest request) {
        return extensions(head, request) instanceof DeflateAnswer.Verdict.Agreed agreed ? agreed.deflate() : null;
    }

    private static DeflateAnswer.Verdict extensions(IncomingResponseHead head, WebSocketRequest request) {
        List<String> values = head.headers().stream().filter(x -> x.is(PerMessageDeflate.HEADER_NAME))
                .map(HttpHeader::value).toList();
        return DeflateAnswer.check(values, request.deflateOffered());
    }

    private static List<String> values(List<HttpHeader> headers, String name) {
        return headers.stream().filter(x -> x.is(name)).map(x -> x.value().strip()).toList();
    }

    private static boolean anyListContains(List<HttpHeader> headers, String name, String token) {
        return headers.stream().anyMatch(x -> x.is(name) && listContains(x.value(), token, false));
    }

    /** Does the comma-separated {@code list} have the element {@code token} (case-sensitive or not)? */
    private static boolean listContains(String list, String token, boolean caseSensitive) {
        for (String element : list.split(",", -1)) {
            String e = element.strip();
            if (caseSensitive ? e.equals(token) : e.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
