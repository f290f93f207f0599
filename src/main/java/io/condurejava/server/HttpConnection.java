package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.http1.HttpInput;
import io.condurejava.ws.Handshake;
import io.condurejava.zmq.SessionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One accepted client connection in stream mode. Runs on the connection's virtual thread (the session
 * thread) and starts a second one for {@link ClientReader}. Loops over requests: each becomes a
 * {@link StreamExchange}; a rejected request gets its status and the connection closes; an idle
 * connection closes after the session timeout, as in Condure.
 */
final class HttpConnection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger("server-conn");
    /**
     * Events queued per connection before a flooding handler is cut off. Credits bound bytes, not
     * packets: a handler may legitimately return a credit per tiny WebSocket message, so the bound is
     * generous (queue nodes are allocated only when used).
     */
    static final int EVENT_QUEUE_CAPACITY = 1 << 20;

    private final Socket socket;
    private final String connectionId;
    private final Settings settings;
    private final SessionDirectory directory;
    private final String scheme;
    private final Runnable onClose;
    private final AtomicInteger liveThreads;
    private volatile WatchedOutputStream output;
    private final WebSocketUpgrade upgrade = new WebSocketUpgrade();

    HttpConnection(Socket socket, String connectionId, Settings settings, SessionDirectory directory,
                   String scheme, AtomicInteger liveThreads, Runnable onClose) {
        this.liveThreads = liveThreads;
        this.socket = socket;
        this.connectionId = connectionId;
        this.settings = settings;
        this.directory = directory;
        this.scheme = scheme;
        this.onClose = onClose;
    }

    String connectionId() {
        return connectionId;
    }

    @Override
    public void run() {
        liveThreads.incrementAndGet();
        ConnectionContext ctx = null;
        Thread reader = null;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>(EVENT_QUEUE_CAPACITY);
            output = new WatchedOutputStream(socket.getOutputStream());
            ctx = new ConnectionContext(settings, directory, events,
                    new BufferedOutputStream(output, settings.bufferSize() + 512),
                    connectionId, scheme, PeerAddress.format(socket.getInetAddress()), socket.getPort(), log);
            HttpInput input = new HttpInput(socket.getInputStream(), settings.bufferSize());
            ClientReader clientReader = new ClientReader(input, settings.bufferSize(), ctx.gate(), events, upgrade);
            liveThreads.incrementAndGet();
            reader = Thread.ofVirtual().name("conn-" + connectionId + "-reader").start(() -> {
                try {
                    clientReader.run();
                } finally {
                    liveThreads.decrementAndGet();
                }
            });
            log.debug("conn {}: accepted from {}:{}", connectionId, ctx.peerAddress(), ctx.peerPort());
            serve(ctx);
        } catch (IOException e) {
            log.debug("conn {}: i/o error: {}", connectionId, e.getMessage());
        } catch (InterruptedException e) {
            log.debug("conn {}: interrupted", connectionId);
        } catch (RuntimeException e) {
            log.error("conn {}: unexpected failure", connectionId, e);
        } finally {
            upgrade.refuse();
            if (ctx != null) {
                ctx.gate().close();
            }
            closeQuietly();
            if (reader != null) {
                reader.interrupt();
            }
            log.debug("conn {}: closed", connectionId);
            liveThreads.decrementAndGet();
            onClose.run();
        }
    }

    private void serve(ConnectionContext ctx) throws InterruptedException, IOException {
        while (true) {
            ConnectionEvent event = ctx.deferred().poll();
            if (event == null) {
                event = ctx.events().poll(settings.sessionTimeoutSeconds(), TimeUnit.SECONDS);
            }
            if (event == null) {
                log.debug("conn {}: idle timeout", connectionId);
                return;
            }
            switch (event) {
                case ConnectionEvent.RequestArrived request when Handshake.isWebSocketRequest(request.head().headers()) -> {
                    new WebSocketExchange(ctx, request.head(), upgrade).run();
                    return; // a WebSocket connection is never reused for HTTP
                }
                case ConnectionEvent.RequestArrived request -> {
                    StreamExchange.Outcome outcome = new StreamExchange(ctx, request.head(), request.framing()).run();
                    if (outcome == StreamExchange.Outcome.CLOSE) {
                        return;
                    }
                }
                case ConnectionEvent.ClientRejected rejected -> {
                    var violation = rejected.violation();
                    log.info("conn {}: request rejected with {}: {} ({}){}", connectionId,
                            violation.violation().status(), violation.violation().name(),
                            violation.violation().rfcSection(),
                            violation.detail() == null ? "" : ": " + violation.detail());
                    ctx.writeRejection(violation);
                    socket.shutdownOutput();
                    return;
                }
                case ConnectionEvent.ClientGone gone -> {
                    return;
                }
                case ConnectionEvent.FromHandler late -> {
                    // a packet for a finished session: dropped, as Condure does
                }
                case ConnectionEvent.BodyData stray -> {
                    // body of a request whose exchange already ended: nothing wants it
                }
                case ConnectionEvent.WebSocketIn stray -> {
                    // only during a WebSocket exchange
                }
                case ConnectionEvent.WebSocketViolation stray -> {
                    // only during a WebSocket exchange
                }
            }
        }
    }

    /** How long a write to this client has been blocked (0 when none is). Watchdog thread. */
    long stalledWriteNanos(long now) {
        WatchedOutputStream out = output;
        return out == null ? 0 : out.stalledNanos(now);
    }

    /** Closes the socket; called from any thread (also at shutdown). */
    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closing
        }
    }
}
