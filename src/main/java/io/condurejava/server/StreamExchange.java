package io.condurejava.server;

import io.condurejava.http1.BadResponseException;
import io.condurejava.http1.HttpVersion;
import io.condurejava.http1.RequestFraming;
import io.condurejava.http1.RequestHead;
import io.condurejava.http1.ResponseHeadWriter;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.HandoffStart;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zmq.HandlerMessage;
import io.condurejava.zmq.HandlerUnavailableException;
import io.condurejava.zmq.SessionHandle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One request/response cycle of a stream-mode HTTP connection (reference §3): sends the initial
 * request, forwards the body within the handler's credits, writes the response as it arrives and
 * grants credits back, and decides whether the connection may carry another request.
 * Runs on the connection's session thread.
 *
 * <p>States, in order: waiting for the handler's first message (which gives its address and may
 * trigger {@code 100 Continue}); body and response flowing side by side (a response that arrives
 * before the body is complete is an early response and ends the connection); done. A handoff-start
 * pauses everything we send until any handler message arrives. Session timeout (handler silent) closes
 * without a cancel; stream timeout (client idle) and client loss send a cancel when the handler is known.
 */
final class StreamExchange {
    /** What happens to the connection after the exchange. */
    enum Outcome { KEEP_ALIVE, CLOSE }

    private final ConnectionContext ctx;
    private final RequestHead head;
    private final RequestFraming framing;
    private final ResponseWriter writer;
    private SessionHandle handle;
    private String id;
    private boolean gotFirstMessage;
    private boolean bodyDone;
    private long responseCredits;
    private HandlerLink link;
    private long sessionDeadline;
    private long streamDeadline;
    private boolean clientGone;
    /** The server is stopping gracefully (a {@link ConnectionEvent.Stop} that lets exchanges finish came). */
    private boolean stopping;

    StreamExchange(ConnectionContext ctx, RequestHead head, RequestFraming framing) {
        this.ctx = ctx;
        this.head = head;
        this.framing = framing;
        this.writer = new ResponseWriter(ctx.output());
        this.bodyDone = !framing.hasBody();
        this.responseCredits = ctx.settings().bufferSize();
    }

    Outcome run() throws InterruptedException, IOException {
        id = ctx.nextSessionId();
        handle = ctx.directory().open(id, m -> ctx.events().offer(new ConnectionEvent.FromHandler(m)));
        link = new HandlerLink(handle);
        try {
            ctx.gate().begin();
            handle.sendInitial(Data.request(head.method(), ctx.uriOf(head), head.headers(),
                    ctx.settings().bufferSize(), framing.hasBody(), true, ctx.peerAddress(), ctx.peerPort()));
            long now = System.nanoTime();
            sessionDeadline = now + ctx.sessionTimeoutNanos();
            streamDeadline = now + ctx.streamTimeoutNanos();
            return loop();
        } catch (HandlerUnavailableException e) {
            ctx.log().warn("conn {}: {}; closing", id, e.getMessage());
            return Outcome.CLOSE;
        } catch (IOException e) {
            ctx.log().debug("conn {}: client i/o failed ({}); cancelling", id, e.getMessage());
            cancelQuietly();
            return Outcome.CLOSE;
        } finally {
            ctx.exchangeDeadline(0);
            ctx.directory().close(handle);
        }
    }

    private Outcome loop() throws InterruptedException, IOException, HandlerUnavailableException {
        while (true) {
            if (handle.overflowed()) {
                ctx.log().warn("conn {}: handler sent more messages than can be queued", id);
                return cancelAndClose();
            }
            long now = System.nanoTime();
            if (now - sessionDeadline >= 0) {
                ctx.log().debug("conn {}: session timeout, handler silent", id);
                return Outcome.CLOSE;
            }
            if (now - streamDeadline >= 0) {
                ctx.log().debug("conn {}: stream timeout", id);
                return cancelAndClose();
            }
            // no timed park per wait (a timer task each time): the watchdog wakes us at the deadline
            ctx.exchangeDeadline(Math.min(sessionDeadline, streamDeadline));
            ConnectionEvent event = ctx.events().take();
            Outcome outcome = switch (event) {
                case ConnectionEvent.FromHandler fromHandler -> onHandler(fromHandler.message());
                case ConnectionEvent.BodyData body -> onBody(body);
                case ConnectionEvent.RequestArrived next -> {
                    ctx.defer(next); // pipelined: handled after this exchange
                    yield null;
                }
                case ConnectionEvent.ClientRejected rejected -> onRejected(rejected);
                case ConnectionEvent.Stop stop -> stop.now() ? cancelAndClose() : onGracefulStop();
                case ConnectionEvent.WebSocketIn stray -> null;
                case ConnectionEvent.WebSocketViolation stray -> null;
                case ConnectionEvent.HandlerUnavailable stray -> null;
                case ConnectionEvent.DeadlinePassed check -> null; // the loop's top checks the timeouts
                case ConnectionEvent.ClientGone gone -> {
                    ctx.log().debug("conn {}: client gone mid-session ({})", id, gone.reason());
                    if (handlerKnown()) {
                        yield cancelAndClose();
                    }
                    if (stopping) {
                        yield Outcome.CLOSE; // the server is stopping: nobody waits for this response any more
                    }
                    clientGone = true; // cancel as soon as the handler's first message tells us its address
                    yield null;
                }
            };
            if (outcome != null) {
                return outcome;
            }
        }
    }

    private Outcome onBody(ConnectionEvent.BodyData body) throws InterruptedException, HandlerUnavailableException {
        streamDeadline = System.nanoTime() + ctx.streamTimeoutNanos();
        if (bodyDone) {
            return null; // an early response already ended our interest in the body
        }
        bodyDone = body.last();
        sendToHandler(Data.body(body.data(), !body.last()));
        ctx.gate().pieceDone();
        return null;
    }

    private Outcome onRejected(ConnectionEvent.ClientRejected rejected) throws IOException, InterruptedException, HandlerUnavailableException {
        if (bodyDone) {
            ctx.defer(rejected); // a bad pipelined request: answered after this exchange
            return null;
        }
        ctx.log().info("conn {}: bad request body: {}", id, rejected.violation().getMessage());
        if (!writer.started()) {
            ctx.writeRejection(rejected.violation());
        }
        return cancelAndClose();
    }

    private Outcome onHandler(HandlerMessage message) throws InterruptedException, IOException, HandlerUnavailableException {
        if (!message.id().equals(id)) {
            return null; // a late packet for an earlier request on this connection
        }
        if (!link.accept(message)) {
            ctx.log().warn("conn {}: handler sent seq {} but {} was expected; closing", id, message.seq(), link.expectedSeq());
            return Outcome.CLOSE;
        }
        sessionDeadline = System.nanoTime() + ctx.sessionTimeoutNanos();
        if (clientGone) {
            return cancelAndClose();
        }
        boolean first = !gotFirstMessage;
        gotFirstMessage = true;
        if (first && !completesResponse(message.packet().payload())) {
            ctx.watchClient(); // the exchange goes on: a client that leaves must be noticed from now on
        }
        if (first && !bodyDone && expectsContinue()) {
            ctx.output().write(CONTINUE);
            ctx.output().flush();
        }
        return switch (message.packet().payload()) {
            case Data data -> onData(data);
            case Credit credit -> {
                grantBodyCredits(credit.credits());
                yield null;
            }
            case KeepAlive keepAlive -> null;
            case HandoffStart start -> {
                writer.flush();
                link.handOff();
                yield null;
            }
            case Cancel cancel -> {
                ctx.log().debug("conn {}: handler cancelled", id);
                yield Outcome.CLOSE;
            }
            case ErrorPacket error -> {
                ctx.log().debug("conn {}: handler error {}", id, error.condition());
                yield Outcome.CLOSE;
            }
            default -> {
                ctx.log().warn("conn {}: unexpected {} packet from handler on an HTTP session; closing",
                        id, message.packet().payload().typeName());
                yield Outcome.CLOSE;
            }
        };
    }

    private Outcome onData(Data data) throws InterruptedException, IOException, HandlerUnavailableException {
        grantBodyCredits(data.credits());
        byte[] body = data.body();
        if (body.length > responseCredits) {
            ctx.log().warn("conn {}: received too much data from handler (size={}, credits={})", id, body.length, responseCredits);
            return cancelAndClose();
        }
        responseCredits -= body.length;
        if (!writer.started() && data.code() >= 100 && data.code() < 200 && data.code() != 101) {
            return onInterim(data);
        }
        if (!writer.started()) {
            try {
                // an early response (body still arriving) ends the connection, and says so
                boolean persistent = bodyDone && ResponseHeadWriter.isPersistent(head);
                writer.start(head, persistent, data.code(), data.reason(), data.headers(), body, !data.more());
            } catch (BadResponseException e) {
                ctx.log().warn("conn {}: unusable response from handler: {}", id, e.getMessage());
                ctx.writeBadGateway();
                return Outcome.CLOSE;
            }
        } else {
            writer.writeBody(body);
        }
        streamDeadline = System.nanoTime() + ctx.streamTimeoutNanos();
        if (writer.overflowed()) {
            writer.flush();
            ctx.log().warn("conn {}: handler sent more than its Content-Length; closing", id);
            return cancelAndClose();
        }
        if (data.more()) {
            writer.flush();
            if (body.length > 0) {
                responseCredits += body.length;
                sendToHandler(new Credit(body.length));
            }
            return null;
        }
        boolean reusable = writer.finish();
        if (!bodyDone) {
            ctx.gate().close(); // early response: the rest of the body is never read
            return Outcome.CLOSE;
        }
        return reusable ? Outcome.KEEP_ALIVE : Outcome.CLOSE;
    }

    /** A final response in one message: the exchange ends with it, no need to watch the client. */
    private static boolean completesResponse(Payload payload) {
        return payload instanceof Data data && !data.more() && (data.code() < 100 || data.code() >= 200);
    }

    /** An interim 1xx (e.g. 103 Early Hints): written to HTTP/1.1 clients, dropped for HTTP/1.0 (RFC 9110 §15.2). */
    private Outcome onInterim(Data data) throws IOException {
        if (head.version() != HttpVersion.HTTP_1_1) {
            ctx.log().debug("conn {}: {} not sent to an HTTP/1.0 client", id, data.code());
            return null;
        }
        String reason = data.reason() == null ? "" : data.reason();
        if (!ResponseText.isSafeReason(reason) || !ResponseText.areSafeHeaders(data.headers())) {
            ctx.log().warn("conn {}: unusable {} response from handler", id, data.code());
            ctx.writeBadGateway();
            return Outcome.CLOSE;
        }
        StringBuilder text = new StringBuilder(128).append("HTTP/1.1 ").append(data.code()).append(' ').append(reason).append("\r\n");
        for (var header : data.headers()) {
            if (!header.is("Content-Length") && !header.is("Transfer-Encoding") && !header.is("Connection")) {
                text.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        ctx.output().write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        ctx.output().flush();
        return null;
    }

    private void grantBodyCredits(int credits) {
        if (!bodyDone && credits > 0) {
            ctx.gate().add(credits);
        }
    }

    private void sendToHandler(Payload payload) throws InterruptedException, HandlerUnavailableException {
        link.send(payload);
    }

    private void cancelQuietly() throws InterruptedException {
        try {
            cancelAndClose();
        } catch (HandlerUnavailableException e) {
            ctx.log().debug("conn {}: cancel not sent: {}", id, e.getMessage());
        }
    }

    /**
     * The server stops once exchanges in progress finish. One still waiting for its handler's first message
     * has no reader yet, so a client that has left would keep the stop waiting for the whole grace period
     * (Pushpin's runner kills a manager that takes that long): watch the client from now on, and end the
     * exchange if it has gone.
     */
    private Outcome onGracefulStop() {
        stopping = true;
        if (clientGone) {
            return Outcome.CLOSE;
        }
        ctx.watchClient();
        return null;
    }

    private boolean handlerKnown() {
        return link.known();
    }

    private Outcome cancelAndClose() throws InterruptedException, HandlerUnavailableException {
        if (handlerKnown()) {
            handle.send(new Cancel());
        }
        return Outcome.CLOSE;
    }

    private boolean expectsContinue() {
        if (head.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        String expect = head.firstValue("Expect");
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
}
