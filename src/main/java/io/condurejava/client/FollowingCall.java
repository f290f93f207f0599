package io.condurejava.client;

import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.http1.MalformedResponseException;
import io.condurejava.http1.ResponseBodyFraming;
import io.condurejava.zhttp.Data;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * An HTTP request and, with {@code follow-redirects}, its redirects ({@link Redirects}): each hop is
 * a fresh {@link OriginCall} — new Host, new target, the address policy applied again on the
 * resolved address — up to {@value Redirects#MAX_REDIRECTS} redirects; the next redirect response
 * is {@code too-many-redirects}. A redirect's body is read and dropped (at most
 * {@value #DRAIN_MAX_BYTES} bytes) so its connection can go back to the pool; a longer one, or one
 * delimited by the close, closes the connection instead. Runs on exchange threads.
 */
final class FollowingCall {
    private static final Logger log = LoggerFactory.getLogger("client");
    static final int DRAIN_MAX_BYTES = 64 * 1024;

    /** The final hop: its request (what the response answers), the prepared form, and the call. */
    record Outcome(Data request, OutgoingRequest prepared, OriginCall.Started started) {
        IncomingResponseHead head() {
            return started.head();
        }

        OriginConnection connection() {
            return started.connection();
        }
    }

    private FollowingCall() {
    }

    /**
     * Runs {@code first} (already prepared as {@code prepared}; {@code firstWriter} writes its head and body)
     * and, when {@code follow}, the redirects after it; later hops carry their whole body. {@code opened}
     * receives every socket as soon as it exists and null once a redirect's connection is pooled.
     */
    static Outcome run(ClientConfig config, Data first, OutgoingRequest prepared, OriginCall.RequestWriter firstWriter,
                       boolean follow, Consumer<Socket> opened, OriginCall.AbortCheck aborted)
            throws ClientFailure, InitiatorGone, InterruptedException {
        Data hop = first;
        OutgoingRequest req = prepared;
        OriginCall.RequestWriter writer = firstWriter;
        for (int followed = 0; ; followed++) {
            aborted.check();
            OriginCall.Started started = OriginCall.start(config, req.target(),
                    OriginCall.repeatable(hop.method(), hop.more()), writer, opened, aborted);
            Data next = follow ? Redirects.next(hop, started.head()) : null;
            if (next == null) {
                return new Outcome(hop, req, started);
            }
            if (followed == Redirects.MAX_REDIRECTS) {
                started.connection().close();
                throw new ClientFailure(Conditions.TOO_MANY_REDIRECTS, "more than " + Redirects.MAX_REDIRECTS
                        + " redirects");
            }
            log.debug("redirect {} from {} to {}", started.head().code(), hop.uri(), next.uri());
            drain(config, hop, req, started, opened, aborted);
            hop = next;
            OutgoingRequest nextReq = OutgoingRequest.of(next);
            Data nextHop = next;
            writer = out -> {
                out.write(nextReq.head());
                out.write(nextHop.body());
            };
            req = nextReq;
        }
    }

    /** Reads and drops a redirect's body; pools its connection when that leaves it clean, else closes it. */
    private static void drain(ClientConfig config, Data hop, OutgoingRequest req, OriginCall.Started started,
                              Consumer<Socket> opened, OriginCall.AbortCheck aborted) throws InitiatorGone {
        OriginConnection c = started.connection();
        try {
            ResponseBodyFraming framing = started.head().framing(hop.method());
            if (framing.kind() != ResponseBodyFraming.Kind.UNTIL_CLOSE) {
                InputStream body = OriginResponses.body(framing, c.in, config.bufferSize());
                if (body == null || drained(body)) {
                    if (OriginCall.reusable(started.head(), framing, c)) {
                        opened.accept(null); // the pool owns it now: an abort must not close it
                        config.pool().give(OriginPool.Key.of(req.target()), c);
                        return;
                    }
                }
            }
        } catch (MalformedResponseException e) {
            log.debug("redirect with a malformed body framing: {}", e.getMessage());
        } catch (IOException e) {
            aborted.check();
            log.debug("reading a redirect's body: {}", e.toString());
        }
        c.close(); // the redirect head is whole, so it is followed anyway; only this connection is lost
    }

    /** True when the body ended within {@value #DRAIN_MAX_BYTES} bytes. */
    private static boolean drained(InputStream body) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = body.read(buf)) >= 0) {
            total += n;
            if (total > DRAIN_MAX_BYTES) {
                return false;
            }
        }
        return true;
    }
}
