package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.http1.HttpInput;
import io.condurejava.ws.Handshake;
import io.condurejava.zmq.SessionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One accepted client connection in stream mode. Runs on the connection's virtual thread (the session
 * thread) and starts a second one for {@link ClientReader}. Loops over requests: each becomes a
 * {@link StreamExchange} (or, after an upgrade request, a {@link WebSocketExchange}); a rejected
 * request gets its status and the connection closes; an idle connection closes after the session
 * timeout, as in Condure, or at once when the server is stopping.
 */
final class HttpConnection implements LiveConnection {
    private static final Logger log = LoggerFactory.getLogger("server-conn");
    /**
     * Events queued per connection before a flooding handler is cut off. Credits bound bytes, not
     * packets: a handler may legitimately return a credit per tiny WebSocket message, so the bound is
     * generous (queue nodes are allocated only when used).
     */
    static final int EVENT_QUEUE_CAPACITY = 1 << 20;

    private final ClientSocket socket;
    private final String connectionId;
    private final Settings settings;
    private final SessionDirectory directory;
    private final Runnable onClose;
    private final AtomicInteger liveThreads;
    private final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>(EVENT_QUEUE_CAPACITY);
    private final WebSocketUpgrade upgrade = new WebSocketUpgrade();
    private volatile WatchedOutputStream output;
    private volatile boolean stopping;

    HttpConnection(ClientSocket socket, String connectionId, Settings settings, SessionDirectory directory,
                   AtomicInteger liveThreads, Runnable onClose) {
        this.socket = socket;
        this.connectionId = connectionId;
        this.settings = settings;
        this.directory = directory;
        this.liveThreads = liveThreads;
        this.onClose = onClose;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void run() {
        liveThreads.incrementAndGet();
        ConnectionContext ctx = null;
        Thread reader = null;
        try {
            socket.handshake();
            output = new WatchedOutputStream(socket.output());
            ctx = new ConnectionContext(settings, directory, events,
                    new LazyBufferedOutputStream(output, settings.bufferSize() + 512),
                    connectionId, socket.scheme(), socket.peerAddress(), socket.peerPort(), log);
            HttpInput input = new HttpInput(socket.input(), settings.bufferSize());
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
        while (!stopping) {
            ConnectionEvent event = ctx.deferred().poll();
            if (event == null) {
                event = events.poll(settings.sessionTimeoutSeconds(), TimeUnit.SECONDS);
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
                case ConnectionEvent.Stop stop -> {
                    return; // the server is stopping and this connection is between requests
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
                case ConnectionEvent.HandlerUnavailable stray -> {
                    // only during a WebSocket exchange
                }
            }
        }
    }

    @Override
    public long stalledWriteNanos(long now) {
        WatchedOutputStream out = output;
        return out == null ? 0 : out.stalledNanos(now);
    }

    @Override
    public void stopWhenIdle() {
        stopping = true;
        events.offer(new ConnectionEvent.Stop(false));
    }

    @Override
    public void stopNow() {
        stopping = true;
        events.offer(new ConnectionEvent.Stop(true));
    }

    @Override
    public void closeQuietly() {
        socket.close();
    }
}
