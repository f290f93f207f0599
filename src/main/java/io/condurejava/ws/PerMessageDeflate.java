package io.condurejava.ws;

import io.condurejava.http1.HttpHeader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side permessage-deflate negotiation (RFC 7692 §5, §7.1) with Condure's rules: the first
 * acceptable {@code permessage-deflate} offer wins; an offer is unacceptable when it has an
 * unknown, duplicate or malformed parameter, or {@code server_max_window_bits} other than 15
 * (java.util.zip always deflates with a 32 KiB window). Other extensions and unacceptable offers
 * are ignored, and a malformed header means no compression; none of that fails the handshake.
 * Pure; any thread.
 */
public final class PerMessageDeflate {
    public static final String EXTENSION_NAME = "permessage-deflate";
    public static final String HEADER_NAME = "Sec-WebSocket-Extensions";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    /** The only LZ77 window size (in bits) that java.util.zip deflates with. */
    static final int SUPPORTED_SERVER_WINDOW_BITS = 15;

    private PerMessageDeflate() {
    }

    /**
     * The agreed parameters. Window sizes are not kept: we always deflate with 15 bits and inflate
     * with 15 bits, which decodes any smaller window the client uses.
     */
    public record Negotiated(boolean clientNoContextTakeover, boolean serverNoContextTakeover) {

        /**
         * The response header value as Condure writes it: the context-takeover parameters the
         * client asked for, client first; window-bits parameters are never echoed.
         */
        public String responseHeaderValue() {
            return EXTENSION_NAME
                    + (clientNoContextTakeover ? "; " + CLIENT_NO_CONTEXT_TAKEOVER : "")
                    + (serverNoContextTakeover ? "; " + SERVER_NO_CONTEXT_TAKEOVER : "");
        }

        /** The response header {@code Sec-WebSocket-Extensions: <responseHeaderValue>}. */
        public HttpHeader responseHeader() {
            return new HttpHeader(HEADER_NAME, responseHeaderValue());
        }

        /** True when the peer of {@code role} resets its compression context after each message. */
        boolean peerResets(Role role) {
            return role == Role.SERVER ? clientNoContextTakeover : serverNoContextTakeover;
        }

        /** True when we, in {@code role}, reset our compression context after each message. */
        boolean ownResets(Role role) {
            return role == Role.SERVER ? serverNoContextTakeover : clientNoContextTakeover;
        }
    }

    /** Negotiates from all {@code Sec-WebSocket-Extensions} fields of a request. */
    public static Optional<Negotiated> negotiateFromHeaders(List<HttpHeader> requestHeaders) {
        List<String> values = new ArrayList<>(1);
        for (HttpHeader h : requestHeaders) {
            if (h.is(HEADER_NAME)) {
                values.add(h.value());
            }
        }
        return negotiate(values);
    }

    /** Negotiates from the values of the {@code Sec-WebSocket-Extensions} fields, in order. */
    public static Optional<Negotiated> negotiate(List<String> headerValues) {
        List<ExtensionOffers.Offer> offers = ExtensionOffers.parse(headerValues);
        if (offers == null) {
            return Optional.empty();
        }
        for (ExtensionOffers.Offer offer : offers) {
            if (offer.name().equals(EXTENSION_NAME)) {
                Negotiated n = accept(offer.params());
                if (n != null) {
                    return Optional.of(n);
                }
            }
        }
        return Optional.empty();
    }

    /** The agreement for one offer, or null when we cannot accept it. */
    private static Negotiated accept(List<ExtensionOffers.Param> params) {
        Set<String> seen = new HashSet<>();
        boolean clientNoTakeover = false;
        boolean serverNoTakeover = false;
        for (ExtensionOffers.Param p : params) {
            if (!seen.add(p.name())) {
                return null;
            }
            switch (p.name()) {
                case CLIENT_NO_CONTEXT_TAKEOVER, SERVER_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return null;
                    }
                    if (p.name().equals(CLIENT_NO_CONTEXT_TAKEOVER)) {
                        clientNoTakeover = true;
                    } else {
                        serverNoTakeover = true;
                    }
                }
                case CLIENT_MAX_WINDOW_BITS -> {
                    if (p.value() != null && windowBits(p.value()) < 0) {
                        return null;
                    }
                }
                case SERVER_MAX_WINDOW_BITS -> {
                    if (p.value() == null || windowBits(p.value()) != SUPPORTED_SERVER_WINDOW_BITS) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Negotiated(clientNoTakeover, serverNoTakeover);
    }

    /** 8-15 written without leading zeros (RFC 7692 §7.1.2.1), else -1. */
    static int windowBits(String v) {
        return switch (v) {
            case "8", "9", "10", "11", "12", "13", "14", "15" -> Integer.parseInt(v);
            default -> -1;
        };
    }
}
