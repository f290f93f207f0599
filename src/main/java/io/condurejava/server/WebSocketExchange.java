package io.condurejava.server;

import io.condurejava.http1.RequestHead;
import io.condurejava.ws.Handshake;
import io.condurejava.ws.Incoming;
import io.condurejava.ws.MessageWriter;
import io.condurejava.ws.PerMessageDeflate;
import io.condurejava.ws.Role;
import io.condurejava.ws.WebSocketProtocolException;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.HandoffStart;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;
import io.condurejava.zmq.HandlerMessage;
import io.condurejava.zmq.HandlerUnavailableException;
import io.condurejava.zmq.SessionHandle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket session over ZHTTP (reference §5), on the connection's session thread: validates the
 * handshake, offers the request to a handler, writes its accept (101) or rejection, then relays
 * messages both ways — client pieces within the handler's credits (the {@link WebSocketReader} sends
 * data, ping and pong pieces to the handler itself, on its own thread, through {@link #forwardFromReader};
 * a close comes here), handler messages written as frames by {@link WebSocketOutput}, which gives their
 * credits back — until the close handshake completes, the client vanishes (cancel), a rule is broken (close frame 1002/1007/1009, and
 * the handler is told with a {@code close} carrying that code) or a timeout fires. The session's thread
 * ends whenever no event waits ({@link EventQueue#detach}) — while the handler has not answered, at once
 * after the accept, and after a quiet spell later — and the next event starts a new one, so a pending
 * handshake and an idle WebSocket hold one parked thread, the one that read the upgrade request, waiting for
 * the client's bytes ({@link HttpConnection}); all session state is in fields.
 */
final class WebSocketExchange {
    private static final int NORMAL_CLOSURE = 1000;
    private static final int GOING_AWAY = 1001;
    /**
     * How long an accepted session waits with nothing to do before its thread ends (the listener's
     * watchdog wakes it, so up to one watchdog period later). A busy session keeps its thread: starting
     * one per message costs more than waking a parked one.
     */
    private static final long DETACH_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private final ConnectionContext ctx;
    private final WebSocketUpgrade upgrade;
    /** Starts a new thread to go on with this session after it detached ({@link EventQueue#detach}). */
    private final Runnable resume;
    /** The upgrade request: dropped once the handler has it, so an idle session does not hold it. */
    private RequestHead head;
    private String key;
    private PerMessageDeflate.Negotiated deflate;
    private SessionHandle handle;
    private String id;
    /** Frames to the client and the credits they give back; null until the handler has the request. */
    private WebSocketOutput output;
    private boolean accepted;
    private boolean closeReceived;
    private HandlerLink link;
    private long sessionDeadline;
    /** When this session last had an event other than a deadline check. */
    private long lastEvent;
    /** When the handler's accept arrived: a session with nothing since detaches at once. */
    private long acceptedAt;
    /** Client activity deadline; moved by both this thread and the reader's. */
    private volatile long streamDeadline;

    WebSocketExchange(ConnectionContext ctx, RequestHead head, WebSocketUpgrade upgrade, Runnable resume) {
        this.ctx = ctx;
        this.head = head;
        this.upgrade = upgrade;
        this.resume = resume;
    }

    /**
     * Runs the session until it ends (false: the connection always closes afterwards) or detaches (true:
     * nothing to do, and the next event starts a thread that goes on with {@link #resume}).
     */
    boolean run() throws InterruptedException, IOException {
        ctx.gate().begin();
        boolean detached = false;
        try {
            if (open()) {
                detached = relay();
            }
            return detached;
        } finally {
            if (!detached) {
                end();
            }
        }
    }

    /** Goes on with a detached session, on the thread an event started; as {@link #run}. */
    boolean resume() throws InterruptedException, IOException {
        boolean detached = false;
        try {
            detached = relay();
            return detached;
        } finally {
            if (!detached) {
                end();
            }
        }
    }

    /** Validates the handshake and offers the request to a handler; false when the session is over already. */
    private boolean open() throws InterruptedException, IOException {
        Handshake.Result result = Handshake.validate(head.method(), head.version(), head.headers());
        if (result instanceof Handshake.Result.Invalid invalid) {
            UpgradeResponses.refuse(ctx, invalid.violation());
            return false;
        }
        key = ((Handshake.Result.Valid) result).key();
        deflate = ctx.settings().compression()
                ? PerMessageDeflate.negotiateFromHeaders(head.headers()).orElse(null) : null;
        int offered = ctx.settings().websocketCredits(deflate != null);
        id = ctx.nextSessionId();
        handle = ctx.directory().open(id, m -> ctx.events().offer(new ConnectionEvent.FromHandler(m)));
        link = new HandlerLink(handle);
        try {
            handle.sendInitial(Data.request(head.method(), ctx.uriOf(head, webSocketScheme(ctx.scheme())),
                    head.headers(), offered, false, false, ctx.peerAddress(), ctx.peerPort()));
        } catch (HandlerUnavailableException e) {
            ctx.log().warn("conn {}: {}; closing", id, e.getMessage());
            return false;
        }
        head = null;
        output = new WebSocketOutput(ctx, id, link, offered);
        long now = System.nanoTime();
        sessionDeadline = now + ctx.sessionTimeoutNanos();
        lastEvent = now;
        streamDeadline = now + ctx.streamTimeoutNanos();
        return true;
    }

    /** The scheme of an upgrade request's uri: {@code http} becomes {@code ws}, {@code https} {@code wss}. */
    static String webSocketScheme(String httpScheme) {
        return switch (httpScheme) {
            case "http" -> "ws";
            case "https" -> "wss";
            default -> httpScheme;
        };
    }

    /** The event loop, with what ends it; true when it detached. */
    private boolean relay() throws InterruptedException {
        try {
            return loop();
        } catch (HandlerUnavailableException e) {
            ctx.log().warn("conn {}: {}; closing", id, e.getMessage());
        } catch (IOException e) {
            ctx.log().debug("conn {}: client i/o failed ({})", id, e.getMessage());
            sendQuietly(new Cancel());
        }
        return false;
    }

    /** Lets go of the handler session, the reader and the writer. */
    private void end() throws IOException {
        try {
            if (link != null) {
                ctx.exchangeDeadline(0);
                link.close();
                ctx.directory().close(handle);
            }
        } finally {
            upgrade.refuse(); // no-op after an accept; frees the reader otherwise
            ctx.gate().close();
            if (output != null) {
                output.release();
            }
        }
    }

    /** Returns false when the session is over, true when it detached with nothing to do. */
    private boolean loop() throws InterruptedException, IOException, HandlerUnavailableException {
        while (true) {
            if (handle.overflowed()) {
                ctx.log().warn("conn {}: handler sent more messages than can be queued", id);
                sendQuietly(new Cancel());
                return false;
            }
            long now = System.nanoTime();
            if (now - sessionDeadline >= 0) {
                ctx.log().debug("conn {}: session timeout, handler silent", id);
                return false;
            }
            if (now - streamDeadline >= 0) {
                ctx.log().debug("conn {}: stream timeout", id);
                sendQuietly(new Cancel());
                return false;
            }
            output.returnDue(now);
            ConnectionEvent event = ctx.events().poll();
            if (event == null) {
                // nothing else queued: one flush for everything written. No timed park (a JDK timer task per
                // wait): held credits ask the shared timer, the timeouts the listener's watchdog
                if (output.flushWritten()) {
                    streamDeadline = System.nanoTime() + ctx.streamTimeoutNanos();
                }
                long timeouts = Math.min(sessionDeadline, streamDeadline);
                if (!accepted || lastEvent == acceptedAt || now - lastEvent >= DETACH_AFTER_NANOS) {
                    ctx.exchangeDeadline(timeouts); // a detached session still times out: the watchdog resumes it
                    if (ctx.events().detach(resume)) {
                        return true; // idle: no thread waits, the next event starts one
                    }
                }
                ctx.exchangeDeadline(accepted ? Math.min(timeouts, lastEvent + DETACH_AFTER_NANOS) : timeouts);
                event = ctx.events().take();
            }
            if (!(event instanceof ConnectionEvent.DeadlinePassed)) {
                lastEvent = System.nanoTime();
            }
            boolean done = switch (event) {
                case ConnectionEvent.FromHandler fromHandler -> onHandler(fromHandler.message());
                case ConnectionEvent.WebSocketIn in -> onClient(in.incoming());
                case ConnectionEvent.WebSocketViolation violation -> onViolation(violation.violation());
                case ConnectionEvent.ClientGone gone -> {
                    ctx.log().debug("conn {}: WebSocket client gone ({})", id, gone.reason());
                    sendQuietly(new Cancel());
                    yield true;
                }
                case ConnectionEvent.HandlerUnavailable unavailable -> {
                    ctx.log().warn("conn {}: {}; closing", id, unavailable.reason());
                    yield true;
                }
                case ConnectionEvent.Stop stop -> stop.now() && goingAway();
                case ConnectionEvent.DeadlinePassed check -> false; // the loop's top looks at the clocks
                case ConnectionEvent.RequestArrived ignored -> false; // cannot happen: reading stopped at the head
                case ConnectionEvent.BodyData ignored -> false;
                case ConnectionEvent.ClientRejected ignored -> false;
            };
            if (done) {
                return false;
            }
        }
    }

    private boolean onHandler(HandlerMessage message)
            throws InterruptedException, IOException, HandlerUnavailableException {
        if (!message.id().equals(id)) {
            return false;
        }
        if (!link.accept(message)) {
            ctx.log().warn("conn {}: handler sent seq {} but {} was expected; closing", id, message.seq(), link.expectedSeq());
            return true;
        }
        sessionDeadline = System.nanoTime() + ctx.sessionTimeoutNanos();
        Payload payload = message.packet().payload();
        if (!accepted) {
            return onHandshakeAnswer(payload);
        }
        return switch (payload) {
            case Data data -> {
                if (!output.data(data)) {
                    sendQuietly(new Cancel());
                    yield true;
                }
                ctx.gate().add(data.credits());
                yield false;
            }
            case Ping ping -> {
                ctx.gate().add(ping.credits());
                output.ping(ping.body());
                yield false;
            }
            case Pong pong -> {
                ctx.gate().add(pong.credits());
                output.pong(pong.body());
                yield false;
            }
            case Close close -> {
                output.close(close.code() < 0 ? NORMAL_CLOSURE : close.code(), close.reason());
                yield closeReceived; // the handshake is complete once both sides closed
            }
            case Credit credit -> {
                ctx.gate().add(credit.credits());
                yield false;
            }
            case KeepAlive keepAlive -> false;
            case HandoffStart start -> {
                output.flush();
                link.handOff();
                yield false;
            }
            case Cancel cancel -> true;
            case ErrorPacket error -> true;
            default -> {
                ctx.log().warn("conn {}: unexpected {} packet from handler on a WebSocket; closing", id, payload.typeName());
                yield true;
            }
        };
    }

    /** The handler's first word: a data message accepts (we write the 101), {@code rejected} refuses. */
    private boolean onHandshakeAnswer(Payload payload)
            throws IOException {
        switch (payload) {
            case Data data when data.code() == 101 || data.code() < 0 -> {
                int code = data.code() < 0 ? 101 : data.code();
                String reason = data.reason() == null ? "Switching Protocols" : data.reason();
                UpgradeResponses.writeHead(ctx, id, code, reason, Handshake.acceptHeaders(data.headers(), key, deflate), null);
                key = null;
                accepted = true;
                acceptedAt = lastEvent;
                output.open(new MessageWriter(ctx.output(), Role.SERVER, deflate));
                int credits = data.credits() > 0 ? data.credits() : ctx.settings().bufferSize();
                if (data.credits() <= 0) {
                    ctx.log().debug("conn {}: no credits in websocket accept, assuming {}", id, credits);
                }
                ctx.gate().add(credits);
                upgrade.accept(WebSocketUpgrade.Accepted.of(ctx.settings(), deflate, this::forwardFromReader));
                return false;
            }
            case ErrorPacket error when ErrorPacket.REJECTED.equals(error.condition()) -> {
                UpgradeResponses.writeHead(ctx, id, error.code() < 0 ? 403 : error.code(), error.reason() == null ? "" : error.reason(),
                        Handshake.withoutServerOwnedHeaders(error.headers()), error.body());
                return true;
            }
            case KeepAlive keepAlive -> {
                return false;
            }
            case Credit credit -> {
                return false;
            }
            default -> {
                ctx.log().debug("conn {}: handler refused the WebSocket with {}", id, payload.typeName());
                return true;
            }
        }
    }

    private boolean onClient(Incoming incoming) throws InterruptedException, HandlerUnavailableException {
        streamDeadline = System.nanoTime() + ctx.streamTimeoutNanos();
        try {
            return forward(incoming);
        } finally {
            ctx.gate().pieceDone();
        }
    }

    /**
     * Reader thread: a client data, ping or pong piece goes to the handler from the thread that read it,
     * in the order read, without a hop through this session's thread (one thread wake-up less per
     * message). The close frame still comes through the event queue, after every piece before it was sent.
     */
    private void forwardFromReader(Incoming incoming) throws InterruptedException, HandlerUnavailableException {
        streamDeadline = System.nanoTime() + ctx.streamTimeoutNanos();
        if (incoming instanceof Incoming.Close) {
            throw new IllegalArgumentException("a close frame goes through the session thread");
        }
        forward(incoming);
    }

    private boolean forward(Incoming incoming) throws InterruptedException, HandlerUnavailableException {
        switch (incoming) {
            case Incoming.DataPart part -> send(Data.message(part.text() ? Data.CONTENT_TYPE_TEXT : Data.CONTENT_TYPE_BINARY,
                    part.data(), !part.last()));
            case Incoming.Ping ping -> send(new Ping(ping.payload(), 0));
            case Incoming.Pong pong -> send(new Pong(pong.payload(), 0));
            case Incoming.Close close -> {
                send(new Close(close.code(), close.reason()));
                closeReceived = true;
                return output.closeSent();
            }
        }
        return false;
    }

    /** Server shutdown: the client gets close 1001 (going away), the handler a cancel. */
    private boolean goingAway() throws InterruptedException, IOException {
        output.close(GOING_AWAY, new byte[0]);
        sendQuietly(new Cancel());
        return true;
    }

    private boolean onViolation(WebSocketProtocolException violation) throws InterruptedException, IOException {
        ctx.log().info("conn {}: WebSocket client broke a rule, closing with {}: {}", id, violation.closeCode(),
                violation.reason());
        byte[] reason = violation.reason().getBytes(StandardCharsets.UTF_8);
        if (reason.length > 123) {
            reason = java.util.Arrays.copyOf(reason, 0);
        }
        output.close(violation.closeCode(), reason);
        sendQuietly(new Close(violation.closeCode(), reason));
        return true;
    }

    private void send(Payload payload) throws InterruptedException, HandlerUnavailableException {
        link.send(payload);
    }

    private void sendQuietly(Payload payload) throws InterruptedException {
        if (link == null || !link.known()) {
            return;
        }
        try {
            handle.send(payload);
        } catch (HandlerUnavailableException e) {
            ctx.log().debug("conn {}: {} not sent: {}", id, payload.typeName(), e.getMessage());
        }
    }
}
