package io.condurejava.ws;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Client-side permessage-deflate (RFC 7692 §5, §7.1): the offer an outgoing handshake makes
 * ({@value #OFFER}) and the strict check of the server's {@code Sec-WebSocket-Extensions} answer.
 * A valid answer names only {@code permessage-deflate}, once, with known parameters, each at most
 * once: {@code server_no_context_takeover} and {@code client_no_context_takeover} without a value,
 * {@code server_max_window_bits} with a value 8-15 (our 15-bit inflater decodes any smaller window);
 * {@code client_max_window_bits} is refused because we never offer it (§7.1.2.2). Anything else,
 * a malformed header, or any extension when nothing was offered, must fail the connection. Our
 * offer asks for client_no_context_takeover, so we always compress each message on its own.
 * Pure; any thread.
 */
public final class DeflateAnswer {
    /** Our offer: permessage-deflate, and we compress each message without context takeover. */
    public static final String OFFER = PerMessageDeflate.EXTENSION_NAME + "; " + PerMessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER;

    private DeflateAnswer() {
    }

    /** What the server's answer means. */
    public sealed interface Verdict {
        /** No extension in use. */
        record None() implements Verdict {}

        /** permessage-deflate in use with these parameters. */
        record Agreed(PerMessageDeflate.Negotiated deflate) implements Verdict {}

        /** The answer breaks RFC 6455 §9.1 / RFC 7692: fail the WebSocket connection. */
        record Invalid(String problem) implements Verdict {}
    }

    /**
     * Checks the values of all {@code Sec-WebSocket-Extensions} fields of a 101 answer, in order.
     *
     * @param offered true when our request carried {@link #OFFER}
     */
    public static Verdict check(List<String> headerValues, boolean offered) {
        List<ExtensionOffers.Offer> answer = ExtensionOffers.parse(headerValues);
        if (answer == null) {
            return new Verdict.Invalid("malformed Sec-WebSocket-Extensions " + headerValues);
        }
        if (answer.isEmpty()) {
            return new Verdict.None();
        }
        for (ExtensionOffers.Offer a : answer) {
            if (!offered || !a.name().equals(PerMessageDeflate.EXTENSION_NAME)) {
                return new Verdict.Invalid("extension " + a.name() + " was not offered");
            }
        }
        if (answer.size() > 1) {
            return new Verdict.Invalid(PerMessageDeflate.EXTENSION_NAME + " accepted " + answer.size() + " times");
        }
        return agreement(answer.get(0).params());
    }

    private static Verdict agreement(List<ExtensionOffers.Param> params) {
        Set<String> seen = new HashSet<>();
        boolean serverNoTakeover = false;
        for (ExtensionOffers.Param p : params) {
            if (!seen.add(p.name())) {
                return new Verdict.Invalid("parameter " + p.name() + " given twice");
            }
            switch (p.name()) {
                case PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER, PerMessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER -> {
                    if (p.value() != null) {
                        return new Verdict.Invalid("parameter " + p.name() + " with a value");
                    }
                    serverNoTakeover |= p.name().equals(PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER);
                }
                case PerMessageDeflate.SERVER_MAX_WINDOW_BITS -> {
                    if (p.value() == null || PerMessageDeflate.windowBits(p.value()) < 0) {
                        return new Verdict.Invalid("server_max_window_bits=" + p.value() + " is not 8-15");
                    }
                }
                case PerMessageDeflate.CLIENT_MAX_WINDOW_BITS -> {
                    return new Verdict.Invalid("client_max_window_bits was not offered");
                }
                default -> {
                    return new Verdict.Invalid("unknown parameter " + p.name());
                }
            }
        }
        return new Verdict.Agreed(new PerMessageDeflate.Negotiated(true, serverNoTakeover));
    }
}
