package io.condurejava.client;

import io.condurejava.http1.HttpVersion;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.http1.MalformedResponseException;
import io.condurejava.http1.ResponseBodyFraming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Starts an HTTP request on an origin connection and reads the final response head. A request that
 * may be sent twice — an idempotent method (RFC 9110 §9.2.2) with its whole body in hand — first
 * tries an idle connection from the {@link OriginPool}; if that one fails before a response head
 * arrives (the origin closed it while it was idle) the request is repeated once on a new
 * connection. Every other request gets a new connection. Failures become {@link ClientFailure}s
 * with Condure's conditions. Runs on exchange threads.
 */
final class OriginCall {
    private static final Logger log = LoggerFactory.getLogger("client");
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    /** Writes the request (head and body) to the connection; repeatable when the request is. */
    @FunctionalInterface
    interface RequestWriter {
        void write(OutputStream out) throws IOException, ClientFailure, InitiatorGone, InterruptedException;
    }

    /** Throws when the exchange was aborted (an I/O failure is then the abort's doing, not the origin's). */
    @FunctionalInterface
    interface AbortCheck {
        void check() throws InitiatorGone;
    }

    /** A request under way: its connection and the response head. */
    record Started(OriginConnection connection, IncomingResponseHead head) {}

    private OriginCall() {
    }

    /** May this request be sent again on a new connection? */
    static boolean repeatable(String method, boolean moreBodyFollows) {
        return !moreBodyFollows && IDEMPOTENT.contains(method);
    }

    /**
     * Sends the request and reads the response head; {@code opened} receives each socket as soon as it
     * exists (so an abort can close it).
     */
    static Started start(ClientConfig config, OriginTarget target, boolean repeatable, RequestWriter writer,
                         Consumer<Socket> opened, AbortCheck aborted)
            throws ClientFailure, InitiatorGone, InterruptedException {
        if (repeatable) {
            OriginConnection idle = config.pool().take(OriginPool.Key.of(target));
            if (idle != null) {
                opened.accept(idle.socket);
                try {
                    writer.write(idle.out);
                    idle.out.flush();
                    return new Started(idle, OriginResponses.readHead(idle.in, config.bufferSize()));
                } catch (MalformedResponseException | SocketTimeoutException e) {
                    idle.close();
                    throw headFailure(e, aborted);
                } catch (IOException e) {
                    aborted.check();
                    idle.close();
                    log.debug("idle connection to {}:{} failed ({}); repeating the request on a new one",
                            target.dialHost(), target.dialPort(), e.toString());
                }
            }
        }
        Socket s = config.connector().connect(target, opened);
        OriginConnection c;
        try {
            c = OriginConnection.fresh(s, config.bufferSize());
        } catch (IOException e) {
            OriginConnector.closeQuietly(s);
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "socket streams: " + e, e);
        }
        aborted.check();
        try {
            writer.write(c.out);
            c.out.flush();
        } catch (IOException e) {
            aborted.check();
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "writing the request: " + e, e);
        }
        try {
            return new Started(c, OriginResponses.readHead(c.in, config.bufferSize()));
        } catch (IOException e) {
            throw headFailure(e, aborted);
        }
    }

    private static ClientFailure headFailure(IOException e, AbortCheck aborted) throws InitiatorGone {
        if (e instanceof MalformedResponseException) {
            return new ClientFailure(Conditions.UNDEFINED, e.getMessage(), e);
        }
        aborted.check();
        if (e instanceof SocketTimeoutException) {
            return new ClientFailure(Conditions.CONNECTION_TIMEOUT, "waiting for the response: " + e, e);
        }
        return new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "reading the response head: " + e, e);
    }

    /**
     * May the connection serve another request once this response's body has been read to its end?
     * HTTP/1.1, not a 101, no {@code Connection: close}, a body delimited by its framing (not by the close) and
     * no bytes beyond it.
     */
    static boolean reusable(IncomingResponseHead head, ResponseBodyFraming framing, OriginConnection c) {
        return head.version() == HttpVersion.HTTP_1_1 && head.code() != 101 && framing.kind() != ResponseBodyFraming.Kind.UNTIL_CLOSE
                && head.headers().stream().noneMatch(h -> h.is("Connection") && hasCloseToken(h.value()))
                && c.in.buffered() == 0;
    }

    private static boolean hasCloseToken(String value) {
        for (String token : value.split(",", -1)) {
            if (token.strip().equalsIgnoreCase("close")) {
                return true;
            }
        }
        return false;
    }
}
