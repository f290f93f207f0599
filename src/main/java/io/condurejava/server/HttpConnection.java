package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.http1.HttpInput;
import io.condurejava.http1.HttpViolationException;
import io.condurejava.http1.RequestFraming;
import io.condurejava.http1.RequestHead;
import io.condurejava.ws.Handshake;
import io.condurejava.zmq.SessionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One accepted client connection in stream mode. Runs on the connection's virtual thread (the session
 * thread). Loops over requests: each becomes a {@link StreamExchange} (or, after an upgrade request, a
 * {@link WebSocketExchange}); a rejected request gets its status and the connection closes; an idle
 * connection closes after the session timeout, as in Condure, or at once when the server is stopping.
 *
 * <p>The session thread reads request heads itself while nothing else needs reading: a keep-alive GET
 * answered by one handler message costs no second thread and no hand-over. The moment reading must go on
 * beside an exchange (a request body, a WebSocket, an exchange that goes on after the handler's first
 * message and must notice a client that leaves) it starts a second virtual thread, a
 * {@link ClientReader}, which reads for the rest of the connection and posts what it reads as events.
 * A WebSocket whose upgrade request the session thread read: the session thread itself waits for the client's
 * first bytes once the session has detached, and only then starts the reader ({@link #readWebSocket}).
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
    private final EventQueue events = new EventQueue(EVENT_QUEUE_CAPACITY);
    private final WebSocketUpgrade upgrade = new WebSocketUpgrade();
    private volatile WatchedOutputStream output;
    private volatile boolean stopping;
    /** True while the session thread itself waits for a request head (a stop then closes the socket). */
    private volatile boolean idle;
    /** When the head being read inline must have arrived (the session timeout); 0 when none is. */
    private volatile long readDeadline;
    /** When the HTTP exchange in progress must check its timeouts; 0 when none is (see {@link #deadlinePassed}). */
    private volatile long exchangeDeadline;
    /** Session thread: the request input, until a reader thread takes it over. */
    private HttpInput input;
    private ClientReader clientReader;
    /**
     * The thread reading beside the session: a reader thread, or the session thread itself once its WebSocket
     * session has detached; null while the session thread reads requests itself. Volatile: whichever thread
     * ends the session interrupts it.
     */
    private volatile Thread reader;
    /** Session thread: the number of the upgrade request head it read itself (0: none). */
    private long webSocketHead;
    /** Session thread: request heads the session thread has read itself. */
    private long headsRead;
    /** Session thread: what every exchange on this connection shares; null until the TLS handshake is done. */
    private ConnectionContext ctx;
    /** Session thread: the WebSocket session, once the connection has become one. */
    private WebSocketExchange webSocket;
    private final String sessionThreadName;

    HttpConnection(ClientSocket socket, String connectionId, Settings settings, SessionDirectory directory,
                   AtomicInteger liveThreads, Runnable onClose) {
        this.socket = socket;
        this.connectionId = connectionId;
        this.settings = settings;
        this.directory = directory;
        this.liveThreads = liveThreads;
        this.onClose = onClose;
        this.sessionThreadName = "conn-" + connectionId;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void run() {
        boolean detached = guarded(() -> {
            socket.handshake();
            output = new WatchedOutputStream(socket.output());
            ctx = new ConnectionContext(settings, directory, events,
                    new LazyBufferedOutputStream(output, settings.bufferSize() + 512),
                    connectionId, socket.scheme(), socket.peerAddress(), socket.peerPort(), log, this::watchClient,
                    deadline -> exchangeDeadline = deadline);
            input = new HttpInput(socket.input(), settings.bufferSize());
            clientReader = new ClientReader(input, settings.bufferSize(), ctx.gate(), events, upgrade);
            log.debug("conn {}: accepted from {}:{}", connectionId, ctx.peerAddress(), ctx.peerPort());
            return serve(ctx);
        });
        if (detached && upgrade.headReaderReads()) {
            readWebSocket();
        }
    }

    /**
     * The session thread, once its WebSocket session has detached, waits for the client's first bytes (a client
     * sends none before the 101), so a pending handshake and an idle WebSocket hold this one parked thread; once
     * bytes come, a reader thread takes over and this one ends. The wait is one call below {@link #run}: a
     * virtual thread's stack chunk is sized by its first park, here the wait for the request head, several
     * frames deeper in the same {@code run} frame, so this wait fits in it whatever the JIT has compiled and an
     * idle WebSocket costs one chunk. The reader's waits go deeper; on this thread they would need a second
     * chunk chained to the first for as long as the WebSocket lives, on a new thread they need only their own.
     */
    private void readWebSocket() {
        liveThreads.incrementAndGet();
        reader = Thread.currentThread();
        try {
            boolean bytesCame;
            try {
                bytesCame = input.awaitBytes();
            } catch (IOException e) {
                bytesCame = false; // after an accept, the reader's first read meets this again and posts it
            }
            long head = webSocketHead;
            if (bytesCame) {
                startReader(() -> clientReader.webSocketAfterSession(head));
            } else {
                clientReader.webSocketAfterSession(head); // the client left: no thread to start for that
            }
        } finally {
            liveThreads.decrementAndGet();
        }
    }

    /**
     * A new virtual thread for a detached WebSocket session: started by the event that arrived for it
     * ({@link EventQueue}), it goes on with the session until it ends or detaches again.
     */
    private void resumeWebSocket() {
        Thread.ofVirtual().name(sessionThreadName).start(() -> guarded(webSocket::resume));
    }

    /** Session work that ends the connection unless it returns true (a WebSocket session detached). */
    private interface SessionWork {
        boolean run() throws IOException, InterruptedException;
    }

    /** Runs a stretch of the session thread's work; when the connection ends, closes it and lets go of it. */
    private boolean guarded(SessionWork work) {
        liveThreads.incrementAndGet();
        boolean detached = false;
        try {
            detached = work.run();
        } catch (IOException e) {
            log.debug("conn {}: i/o error: {}", connectionId, e.getMessage());
        } catch (InterruptedException e) {
            log.debug("conn {}: interrupted", connectionId);
        } catch (RuntimeException e) {
            log.error("conn {}: unexpected failure", connectionId, e);
        } finally {
            if (detached) {
                liveThreads.decrementAndGet();
            } else {
                close();
            }
        }
        return detached;
    }

    private void close() {
        upgrade.refuse();
        if (ctx != null) {
            ctx.gate().close();
        }
        closeQuietly();
        Thread reading = reader;
        if (reading != null && reading != Thread.currentThread()) {
            reading.interrupt();
        }
        log.debug("conn {}: closed", connectionId);
        liveThreads.decrementAndGet();
        onClose.run();
    }

    /** The request loop; true when it ends in a detached WebSocket session (the connection stays open). */
    private boolean serve(ConnectionContext ctx) throws InterruptedException, IOException {
        while (!stopping) {
            ConnectionEvent event = ctx.nextDeferred();
            if (event == null) {
                event = reader == null ? readRequest() : nextFromReader();
            }
            if (event == null) {
                log.debug("conn {}: idle timeout", connectionId);
                return false;
            }
            switch (event) {
                case ConnectionEvent.RequestArrived request when Handshake.isWebSocketRequest(request.head().headers()) -> {
                    webSocket = new WebSocketExchange(ctx, request.head(), upgrade, this::resumeWebSocket);
                    return webSocket.run(); // a WebSocket connection is never reused for HTTP
                }
                case ConnectionEvent.RequestArrived request -> {
                    StreamExchange.Outcome outcome = new StreamExchange(ctx, request.head(), request.framing()).run();
                    if (outcome == StreamExchange.Outcome.CLOSE) {
                        return false;
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
                    return false;
                }
                case ConnectionEvent.ClientGone gone -> {
                    return false;
                }
                case ConnectionEvent.Stop stop -> {
                    return false; // the server is stopping and this connection is between requests
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
                case ConnectionEvent.DeadlinePassed late -> {
                    // for an exchange that has ended
                }
            }
        }
        return false;
    }

    /**
     * Reads the next request head on the session thread, as the event a reader thread would have posted,
     * and starts the reader when the request needs one (a body, an upgrade). The session timeout is a
     * read deadline the listener's watchdog enforces by closing the socket.
     */
    private ConnectionEvent readRequest() {
        idle = true;
        readDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds());
        try {
            if (stopping) {
                return new ConnectionEvent.Stop(false); // seen here, or the stop closed the socket
            }
            RequestHead head = input.readRequestHead(ClientReader.MAX_REQUEST_HEADERS);
            idle = false;
            if (head == null) {
                return new ConnectionEvent.ClientGone("closed by client");
            }
            headsRead++;
            boolean upgrading = Handshake.isWebSocketRequest(head.headers());
            RequestFraming framing = upgrading ? new RequestFraming.NoBody() : RequestFraming.of(head);
            if (upgrading) {
                long generation = headsRead;
                webSocketHead = generation;
                upgrade.readOnHeadReaderOr(accepted -> startReader(clientReader.webSocket(generation, accepted)));
            } else if (framing.hasBody()) {
                startReader(clientReader.afterHead(headsRead, head, framing));
            }
            return new ConnectionEvent.RequestArrived(head, framing);
        } catch (HttpViolationException e) {
            return new ConnectionEvent.ClientRejected(e);
        } catch (IOException e) {
            log.debug("conn {}: read ended: {}", connectionId, e.getMessage());
            return new ConnectionEvent.ClientGone(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            idle = false;
            readDeadline = 0;
        }
    }

    /**
     * The next event while the reader thread reads the requests, or null after the session timeout without
     * one. Waits untimed (no JDK timer task per wait): the deadline is published, and the listener's
     * watchdog posts {@link ConnectionEvent.DeadlinePassed} once it has gone by.
     */
    private ConnectionEvent nextFromReader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds());
        try {
            while (true) {
                exchangeDeadline = deadline;
                ConnectionEvent event = events.take();
                if (!(event instanceof ConnectionEvent.DeadlinePassed)) {
                    return event;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
            }
        } finally {
            exchangeDeadline = 0;
        }
    }

    /**
     * Called by an exchange on the handler's first message unless it completes the response: from then
     * on a client that leaves must be noticed (Condure does so too), so a reader thread watches the socket
     * for the rest of the connection. Session thread.
     */
    private void watchClient() {
        if (reader == null) {
            startReader(clientReader.fromNextHead(headsRead));
        }
    }

    private void startReader(Runnable reading) {
        liveThreads.incrementAndGet();
        reader = Thread.ofVirtual().name("conn-" + connectionId + "-reader").start(() -> {
            try {
                reading.run();
            } finally {
                liveThreads.decrementAndGet();
            }
        });
    }

    @Override
    public long readDeadlineNanos() {
        return readDeadline;
    }

    @Override
    public long exchangeDeadlineNanos() {
        return exchangeDeadline;
    }

    /** Wakes the exchange, which waits for events without a timeout of its own; it clears or moves the deadline. */
    @Override
    public void deadlinePassed() {
        exchangeDeadline = 0;
        events.offer(new ConnectionEvent.DeadlinePassed());
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
        if (idle) {
            closeQuietly(); // the session thread waits for a request head: nothing is lost
        }
    }

    @Override
    public void stopNow() {
        stopping = true;
        events.offer(new ConnectionEvent.Stop(true));
        if (idle) {
            closeQuietly();
        }
    }

    @Override
    public void closeQuietly() {
        socket.close();
    }
}
