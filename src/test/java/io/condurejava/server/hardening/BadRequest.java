package io.condurejava.server.hardening;

import io.condurejava.http1.Violation;

import java.nio.charset.StandardCharsets;

/**
 * One malformed or ambiguous request of {@link MalformedRequestSocketTest}: the raw bytes a client
 * writes in one go, the rule the server must apply, and at which stage it applies. Immutable; any thread.
 *
 * @param name       shown in the test report
 * @param raw        the bytes written to the socket (ISO-8859-1 of the table's strings)
 * @param rule       the violation the server must reject with (its status is what the client reads)
 * @param stage      whether the handler sees nothing, the head and then a cancel, or one good request first
 * @param bodyBefore for {@link Stage#BODY}: the body bytes the handler may receive before the cancel
 */
record BadRequest(String name, byte[] raw, Violation rule, Stage stage, String bodyBefore) {

    /** Where the violation sits, and so what the handler is allowed to see. */
    enum Stage {
        /** In the request head: the handler receives nothing at all. */
        HEAD,
        /** In the body (chunked framing, trailers): the handler gets the head, then a cancel. */
        BODY,
        /** A good request followed by a bad one in the same write: the first is answered, the second never seen. */
        PIPELINED
    }

    /** Target path of the requests whose head reaches the handler (BODY, and the first of PIPELINED). */
    static final String GOOD_PATH = "/reaches-handler";

    static BadRequest head(String name, String raw, Violation rule) {
        return new BadRequest(name, raw.getBytes(StandardCharsets.ISO_8859_1), rule, Stage.HEAD, "");
    }

    static BadRequest body(String name, String raw, Violation rule, String bodyBefore) {
        return new BadRequest(name, raw.getBytes(StandardCharsets.ISO_8859_1), rule, Stage.BODY, bodyBefore);
    }

    static BadRequest pipelined(String name, String raw, Violation rule) {
        return new BadRequest(name, raw.getBytes(StandardCharsets.ISO_8859_1), rule, Stage.PIPELINED, "");
    }

    @Override
    public String toString() {
        return name;
    }
}
