package io.condurejava.server;

import io.condurejava.session.CreditGate;
import io.condurejava.config.Settings;
import io.condurejava.http1.HttpViolationException;
import io.condurejava.http1.RequestHead;
import io.condurejava.zmq.SessionDirectory;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * What every exchange on one client connection shares: settings, the event queue, the credit gate,
 * the buffered output, the peer, and the ids of its sessions. Owned by the connection's session thread.
 */
final class ConnectionContext {
    private final Settings settings;
    private final SessionDirectory directory;
    private final EventQueue events;
    /** Made by the first deferred event (few connections pipeline). */
    private ArrayDeque<ConnectionEvent> deferred;
    private final CreditGate gate = new CreditGate();
    private final OutputStream output;
    private final String connectionId;
    private final String scheme;
    private final String peerAddress;
    private final int peerPort;
    private final Logger log;
    private final Runnable watchClient;
    private final LongConsumer exchangeDeadline;
    private long requestCounter;

    ConnectionContext(Settings settings, SessionDirectory directory, EventQueue events,
                      OutputStream output, String connectionId, String scheme, String peerAddress, int peerPort,
                      Logger log, Runnable watchClient, LongConsumer exchangeDeadline) {
        this.settings = settings;
        this.directory = directory;
        this.events = events;
        this.output = output;
        this.connectionId = connectionId;
        this.scheme = scheme;
        this.peerAddress = peerAddress;
        this.peerPort = peerPort;
        this.log = log;
        this.watchClient = watchClient;
        this.exchangeDeadline = exchangeDeadline;
    }

    /**
     * Publishes when the exchange in progress must next check its timeouts (0: never); the listener's
     * watchdog then posts {@link ConnectionEvent.DeadlinePassed}, up to its period late. Session thread.
     */
    void exchangeDeadline(long nanoTime) {
        exchangeDeadline.accept(nanoTime);
    }

    /**
     * From now on the exchange must notice a client that leaves (the handler has spoken and the response
     * goes on): makes sure a reader thread watches the socket. Session thread; idempotent.
     */
    void watchClient() {
        watchClient.run();
    }

    Settings settings() { return settings; }
    SessionDirectory directory() { return directory; }
    EventQueue events() { return events; }
    /** Keeps an event read ahead during an exchange (a pipelined request) to be handled after it. */
    void defer(ConnectionEvent event) {
        if (deferred == null) {
            deferred = new ArrayDeque<>();
        }
        deferred.add(event);
    }

    /** The oldest deferred event, or null. */
    ConnectionEvent nextDeferred() {
        return deferred == null ? null : deferred.poll();
    }
    CreditGate gate() { return gate; }
    OutputStream output() { return output; }

    /** Writes a whole message (a 101, say) and flushes; skips the output buffer when it holds nothing. */
    void writeAndFlush(byte[] bytes) throws IOException {
        if (output instanceof LazyBufferedOutputStream lazy) {
            lazy.writeAndFlush(bytes);
        } else {
            output.write(bytes);
            output.flush();
        }
    }
    String peerAddress() { return peerAddress; }
    int peerPort() { return peerPort; }
    Logger log() { return log; }
    String connectionId() { return connectionId; }

    long sessionTimeoutNanos() {
        return TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds());
    }

    long streamTimeoutNanos() {
        return TimeUnit.SECONDS.toNanos(settings.streamTimeoutSeconds());
    }

    /** A new session id for the next request: {@code <connection>-<request counter in hex>}. */
    String nextSessionId() {
        return connectionId + "-" + Long.toHexString(requestCounter++);
    }

    /** {@code http} or {@code https}: what the client connected with. */
    String scheme() {
        return scheme;
    }

    /** {@code scheme://Host + request-target}, as Condure builds it (Host verbatim, else localhost). */
    String uriOf(RequestHead head) {
        return uriOf(head, scheme);
    }

    /** As {@link #uriOf(RequestHead)} with another scheme ({@code ws} / {@code wss} for an upgrade request). */
    String uriOf(RequestHead head, String uriScheme) {
        String host = head.firstValue("Host");
        return uriScheme + "://" + (host == null || host.isEmpty() ? "localhost" : host) + head.target();
    }

    void writeRejection(HttpViolationException violation) throws IOException {
        ErrorResponses.write(output, violation.violation().status(), violation.violation().description());
    }

    void writeBadGateway() throws IOException {
        ErrorResponses.write(output, 502, "The handler's response could not be used.");
    }
}
