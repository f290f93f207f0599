package io.condurejava.client;

import io.condurejava.session.CreditGate;
import io.condurejava.ws.Incoming;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.PerMessageDeflate;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;
import io.condurejava.zmq.HandlerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client-mode WebSocket session (uri ws:// or wss://; reference §10, mapped like §5), on its
 * own virtual thread: acknowledges with a {@code keep-alive}, connects, performs the client
 * handshake ({@link WebSocketRequest}, offering permessage-deflate with {@code --compression};
 * checked by {@link WebSocketAnswer}), then answers the initiator with {@code {code: 101, reason,
 * headers, credits: buffer size}} (3/4 of it with permessage-deflate agreed, as Condure: the
 * other quarter is for compressed bytes) — or, for any other status, {@code error}/{@code
 * rejected} with the origin's code, reason, headers and body. Then it
 * relays both ways: origin pieces from {@link OriginWebSocketReader} within the initiator's
 * credits; initiator messages written as masked frames ({@code content-type} binary, else text;
 * {@code more} continues a message; ping, pong, close) with a {@code credit} back after each flush.
 * Close handshake as on the server side: an origin close is forwarded and the session ends when
 * the initiator's close has been written; an initiator close is written and the origin's close is
 * still forwarded. Failures before the 101 are {@code error} conditions; after it {@code cancel}
 * (origin gone without a close frame, write failure, stream timeout, initiator over its credits);
 * an origin that breaks a frame rule gets a close frame with the code and the initiator a
 * {@code close} with the same code.
 */
final class OutgoingWebSocketExchange implements ClientExchange {
    private static final Logger log = LoggerFactory.getLogger("client");
    /** Queue slots kept for the reader thread (one piece in flight plus its end). */
    private static final int READER_RESERVED_SLOTS = 4;
    private static final byte[] EMPTY = new byte[0];
    /** With permessage-deflate, the share (numerator / 4) of the buffer for plain bytes (Condure's 75 % / 25 % split). */
    private static final int DEFLATE_PLAIN_QUARTERS = 3;

    private final ClientConfig config;
    private final InitiatorLink link;
    private final Data request;
    private final Runnable onFinish;
    private final BlockingQueue<WebSocketEvent> events =
            new ArrayBlockingQueue<>(OutgoingHttpExchange.INBOUND_CAPACITY + READER_RESERVED_SLOTS);
    private final CreditGate originCredits;
    private final InitiatorSeq seq = new InitiatorSeq();
    private volatile Socket socket;
    private volatile boolean aborted;
    private volatile boolean initiatorEnded;
    private volatile Thread thread;
    private Thread readerThread;
    private OriginWebSocketWriter writer;
    private boolean accepted;
    private boolean closeReceived;
    private long sessionDeadline;
    private long streamDeadline;

    OutgoingWebSocketExchange(ClientConfig config, InitiatorLink link, Data request, Runnable onFinish) {
        this.config = config;
        this.link = link;
        this.request = request;
        this.onFinish = onFinish;
        this.originCredits = CreditGate.singleStream(request.credits());
    }

    @Override
    public InitiatorLink link() {
        return link;
    }

    @Override
    public boolean deliver(HandlerMessage message) {
        Payload p = message.packet().payload();
        boolean end = p instanceof Cancel || p instanceof ErrorPacket;
        if (end) {
            initiatorEnded = true;
        }
        boolean ok = events.remainingCapacity() > READER_RESERVED_SLOTS
                && events.offer(new WebSocketEvent.FromInitiator(message));
        if (!ok || end) {
            abort();
        }
        return ok;
    }

    @Override
    public void abort() {
        aborted = true;
        OriginConnector.closeQuietly(socket);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            link.send(new KeepAlive()); // the ack that tells the initiator our address (reference §10)
            if (handshake()) {
                relay();
            }
        } catch (ClientFailure f) {
            log.debug("client ws {} {}: {} ({})", link.to(), link.id(), f.condition(), f.getMessage());
            if (!initiatorEnded) {
                trySend(accepted ? new Cancel() : ErrorPacket.of(f.condition()));
            }
        } catch (InitiatorGone g) {
            log.debug("client ws {} {}: {}", link.to(), link.id(), g.getMessage());
            if (g.sendCancel() && !initiatorEnded) {
                trySend(new Cancel());
            }
        } catch (InterruptedException e) {
            if (!initiatorEnded) {
                trySend(new Cancel()); // shutdown or inbound overflow: tell the initiator
            }
        } catch (RuntimeException e) {
            log.error("client ws {} {}: session failed", link.to(), link.id(), e);
            trySend(accepted ? new Cancel() : ErrorPacket.of(Conditions.UNDEFINED));
        } finally {
            originCredits.close();
            OriginConnector.closeQuietly(socket);
            if (readerThread != null) {
                readerThread.interrupt();
            }
            if (writer != null) {
                writer.close();
            }
            onFinish.run();
        }
    }

    /** Connects and does the opening handshake; true when the initiator got the 101 and relaying starts. */
    private boolean handshake() throws ClientFailure, InitiatorGone, InterruptedException {
        WebSocketOpening.Result result = WebSocketOpening.open(config, WebSocketRequest.of(request, config.compression()),
                opened -> socket = opened, this::checkAborted);
        if (result instanceof WebSocketOpening.Result.Rejected rejected) {
            log.debug("client ws {} {}: origin rejected the handshake with {}", link.to(), link.id(),
                    rejected.error().code());
            link.send(rejected.error());
            return false;
        }
        WebSocketOpening.Result.Open open = (WebSocketOpening.Result.Open) result;
        PerMessageDeflate.Negotiated deflate = open.deflate();
        int plainBytes = plainBufferBytes(config.bufferSize(), deflate);
        link.send(Data.response(101, open.head().reason(), open.head().headers(), EMPTY, false, plainBytes));
        accepted = true;
        writer = new OriginWebSocketWriter(open.out(), plainBytes, deflate, link, this::checkAborted);
        long max = config.websocketMaxMessage() == 0 ? MessageReader.UNLIMITED_MESSAGE_BYTES : config.websocketMaxMessage();
        readerThread = Thread.ofVirtual().name("zserver-ws-" + link.id())
                .start(new OriginWebSocketReader(open.in(), max, plainBytes, deflate, originCredits, events));
        return true;
    }

    /** The initiator's credit grant and the largest piece we post: the buffer size, 3/4 of it with deflate. */
    static int plainBufferBytes(int bufferSize, PerMessageDeflate.Negotiated deflate) {
        return deflate == null ? bufferSize : (int) ((long) bufferSize * DEFLATE_PLAIN_QUARTERS / 4);
    }

    private void relay() throws ClientFailure, InitiatorGone, InterruptedException {
        long now = System.nanoTime();
        sessionDeadline = now + config.sessionTimeoutNanos();
        streamDeadline = now + config.streamTimeoutNanos();
        while (true) {
            now = System.nanoTime();
            if (now - sessionDeadline >= 0) {
                throw new InitiatorGone("nothing from the initiator within the session timeout", true);
            }
            if (now - streamDeadline >= 0) {
                throw new ClientFailure(Conditions.CONNECTION_TIMEOUT, "stream timeout");
            }
            WebSocketEvent event = events.poll();
            if (event == null && writer.flush()) { // nothing else queued: one flush and one credit for all written
                streamDeadline = System.nanoTime() + config.streamTimeoutNanos();
            }
            if (event == null) {
                event = events.poll(Math.min(sessionDeadline, streamDeadline) - now, TimeUnit.NANOSECONDS);
            }
            checkAborted();
            if (event != null && handle(event)) {
                return;
            }
        }
    }

    /** One event; true when the session is over (close handshake complete, or the origin broke a rule). */
    private boolean handle(WebSocketEvent event) throws ClientFailure, InitiatorGone, InterruptedException {
        return switch (event) {
            case WebSocketEvent.FromInitiator m -> fromInitiator(m.message());
            case WebSocketEvent.FromOrigin o -> fromOrigin(o.incoming());
            case WebSocketEvent.OriginViolation v -> {
                log.info("client ws {} {}: origin broke a rule, closing with {}: {}", link.to(), link.id(),
                        v.violation().closeCode(), v.violation().reason());
                byte[] reason = v.violation().reason().getBytes(StandardCharsets.UTF_8); // short ASCII
                writer.close(v.violation().closeCode(), reason);
                link.send(new Close(v.violation().closeCode(), reason));
                yield true;
            }
            case WebSocketEvent.OriginGone g -> throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED,
                    "origin gone: " + g.reason());
        };
    }

    private boolean fromOrigin(Incoming incoming) throws InitiatorGone, InterruptedException {
        streamDeadline = System.nanoTime() + config.streamTimeoutNanos();
        try {
            switch (incoming) {
                case Incoming.DataPart part -> link.send(Data.message(
                        part.text() ? Data.CONTENT_TYPE_TEXT : Data.CONTENT_TYPE_BINARY, part.data(), !part.last()));
                case Incoming.Ping ping -> link.send(new Ping(ping.payload(), 0));
                case Incoming.Pong pong -> link.send(new Pong(pong.payload(), 0));
                case Incoming.Close close -> {
                    link.send(new Close(close.code(), close.reason()));
                    closeReceived = true;
                    return writer.closeSent();
                }
            }
            return false;
        } finally {
            originCredits.pieceDone();
        }
    }

    private boolean fromInitiator(HandlerMessage m) throws ClientFailure, InitiatorGone, InterruptedException {
        seq.check(m);
        sessionDeadline = System.nanoTime() + config.sessionTimeoutNanos();
        return switch (m.packet().payload()) {
            case Data d -> {
                writer.data(d);
                originCredits.add(d.credits());
                yield false;
            }
            case Ping p -> {
                originCredits.add(p.credits());
                writer.ping(p.body());
                yield false;
            }
            case Pong p -> {
                originCredits.add(p.credits());
                writer.pong(p.body());
                yield false;
            }
            case Close c -> {
                writer.close(c.code(), c.reason());
                yield closeReceived; // the handshake is complete once both sides closed
            }
            case Credit c -> {
                originCredits.add(c.credits());
                yield false;
            }
            case KeepAlive k -> false;
            case Cancel c -> throw new InitiatorGone("cancelled by the initiator", false);
            case ErrorPacket e -> throw new InitiatorGone("error from the initiator: " + e.condition(), false);
            default -> throw new InitiatorGone("unexpected " + m.packet().payload().typeName()
                    + " packet from the initiator on a WebSocket", false);
        };
    }

    private void trySend(Payload payload) {
        try {
            Thread.interrupted(); // a pending interrupt must not stop the last message
            link.send(payload);
        } catch (InterruptedException | InitiatorGone e) {
            log.debug("client ws {} {}: final {} not sent", link.to(), link.id(), payload.typeName());
        }
    }

    private void checkAborted() throws InitiatorGone {
        if (aborted) {
            throw new InitiatorGone("aborted", !initiatorEnded);
        }
    }
}
