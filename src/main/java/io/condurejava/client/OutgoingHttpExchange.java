package io.condurejava.client;

import io.condurejava.http1.ChunkedOutputStream;
import io.condurejava.http1.FixedLengthInputStream;
import io.condurejava.http1.ResponseBodyFraming;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.http1.MalformedResponseException;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zmq.HandlerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client-mode HTTP request (reference §10), run on its own virtual thread: acknowledges with a
 * {@code keep-alive}, connects to the origin, streams the request body within the credits it grants,
 * reads the response head with the shared http1 parser, sends {@code {code, reason, headers, more}}
 * and then the body only as far as the initiator's credits allow. Failures before the response
 * start are {@code error} packets with a condition; later ones are {@code cancel}. Inbound packets
 * are delivered by the ZeroMQ thread through {@link #deliver}. With {@code follow-redirects} and the
 * whole body in the first message, redirects are followed first ({@link FollowingCall}).
 */
final class OutgoingHttpExchange implements ClientExchange {
    private static final Logger log = LoggerFactory.getLogger("client");
    static final int INBOUND_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private final ClientConfig config;
    private final InitiatorLink link;
    private final Data request;
    private final Runnable onFinish;
    private final BlockingQueue<HandlerMessage> inbound = new ArrayBlockingQueue<>(INBOUND_CAPACITY);
    private volatile Socket socket;
    private volatile boolean aborted;
    private volatile Thread thread;
    private final InitiatorSeq seq = new InitiatorSeq();
    private long responseCredits;
    private boolean responseStarted;

    OutgoingHttpExchange(ClientConfig config, InitiatorLink link, Data request, Runnable onFinish) {
        this.config = config;
        this.link = link;
        this.request = request;
        this.onFinish = onFinish;
        this.responseCredits = request.credits();
    }

    @Override
    public InitiatorLink link() {
        return link;
    }

    /** ZeroMQ thread: queues an initiator packet; a cancel or error also closes the origin socket at once. */
    @Override
    public boolean deliver(HandlerMessage message) {
        Payload p = message.packet().payload();
        boolean ok = inbound.offer(message);
        if (!ok || p instanceof Cancel || p instanceof ErrorPacket) {
            abort();
        }
        return ok;
    }

    /** Any thread: ends the exchange (the origin socket is closed; the exchange thread notices). */
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
            exchange();
        } catch (ClientFailure f) {
            log.debug("client {} {}: {} ({})", link.to(), link.id(), f.condition(), f.getMessage());
            if (!inboundHasEnd()) { // a cancel that closed our socket mid-connect needs no answer
                trySend(responseStarted ? new Cancel() : ErrorPacket.of(f.condition()));
            }
        } catch (InitiatorGone g) {
            log.debug("client {} {}: {}", link.to(), link.id(), g.getMessage());
            if (g.sendCancel()) {
                trySend(new Cancel());
            }
        } catch (InterruptedException e) {
            if (!inboundHasEnd()) {
                trySend(new Cancel()); // shutdown or inbound overflow: tell the initiator
            }
        } catch (RuntimeException e) {
            log.error("client {} {}: exchange failed", link.to(), link.id(), e);
            trySend(responseStarted ? new Cancel() : ErrorPacket.of(Conditions.UNDEFINED));
        } finally {
            OriginConnector.closeQuietly(socket);
            onFinish.run();
        }
    }

    private void trySend(Payload payload) {
        try {
            Thread.interrupted(); // a pending interrupt must not stop the last message
            link.send(payload);
        } catch (InterruptedException | InitiatorGone e) {
            log.debug("client {} {}: final {} not sent", link.to(), link.id(), payload.typeName());
        }
    }

    private void exchange() throws ClientFailure, InitiatorGone, InterruptedException {
        OutgoingRequest req = OutgoingRequest.of(request);
        FollowingCall.Outcome outcome = FollowingCall.run(config, request, req, out -> {
            out.write(req.head());
            sendBody(req, out);
        }, Redirects.followable(request), opened -> socket = opened, this::checkAborted);
        OriginConnection connection = outcome.connection();
        IncomingResponseHead head = outcome.head();
        ResponseBodyFraming framing;
        try {
            framing = head.framing(outcome.request().method());
        } catch (MalformedResponseException e) {
            throw new ClientFailure(Conditions.UNDEFINED, e.getMessage(), e);
        }
        InputStream body = OriginResponses.body(framing, connection.in, config.bufferSize());
        // The connection goes back to the pool before the initiator hears the response ended, so its
        // next request to the same origin finds it there.
        Runnable release = () -> {
            if (!aborted && OriginCall.reusable(head, framing, connection)) {
                socket = null; // the pool owns it now
                config.pool().give(OriginPool.Key.of(outcome.prepared().target()), connection);
            }
        };
        if (body == null) {
            release.run();
        }
        link.send(Data.response(head.code(), head.reason(), head.headers(), EMPTY, body != null, 0));
        responseStarted = true;
        if (body != null) {
            sendResponseBody(body, release);
        }
    }

    /** Writes the request body: the first packet's bytes, then initiator messages within the credits we grant. */
    private void sendBody(OutgoingRequest req, OutputStream socketOut)
            throws IOException, ClientFailure, InitiatorGone, InterruptedException {
        ChunkedOutputStream chunked = req.framing() == OriginRequestHead.Framing.CHUNKED
                ? new ChunkedOutputStream(socketOut) : null;
        OutputStream out = chunked != null ? chunked : socketOut;
        long written = request.body().length;
        out.write(request.body());
        boolean more = request.more();
        long granted = 0;
        if (more) {
            socketOut.flush();
            granted = config.bufferSize();
            link.send(new Credit(config.bufferSize()));
        }
        while (more) {
            Data d = accept(waitInbound()); // credits are counted whatever the type
            if (d == null) {
                continue;
            }
            byte[] piece = d.body();
            if (piece.length > granted) {
                throw new ClientFailure(Conditions.BAD_REQUEST, "initiator sent " + piece.length + " bytes with "
                        + granted + " credits");
            }
            written += piece.length;
            if (req.length() >= 0 && written > req.length()) {
                throw new ClientFailure(Conditions.BAD_REQUEST, "request body longer than its Content-Length");
            }
            out.write(piece);
            out.flush();
            more = d.more();
            granted -= piece.length;
            if (more && piece.length > 0) {
                link.send(new Credit(piece.length));
                granted += piece.length;
            }
        }
        if (req.length() >= 0 && written != req.length()) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "request body shorter than its Content-Length");
        }
        if (chunked != null) {
            chunked.finish();
        }
    }

    /** Streams the body within the initiator's credits; {@code atEnd} runs once the body is read, before the last message. */
    private void sendResponseBody(InputStream body, Runnable atEnd) throws ClientFailure, InitiatorGone, InterruptedException {
        byte[] buf = new byte[config.bufferSize()];
        while (true) {
            HandlerMessage m;
            while ((m = inbound.poll()) != null) {
                accept(m);
            }
            while (responseCredits <= 0) {
                accept(waitInbound());
            }
            int n;
            try {
                n = body.read(buf, 0, (int) Math.min(responseCredits, buf.length));
            } catch (IOException e) {
                throw failure(Conditions.REMOTE_CONNECTION_FAILED, "reading the response body", e);
            }
            if (n < 0) {
                atEnd.run();
                link.send(Data.body(EMPTY, false));
                return;
            }
            responseCredits -= n;
            boolean last = body instanceof FixedLengthInputStream f && f.remaining() == 0;
            if (last) {
                atEnd.run();
            }
            link.send(Data.body(Arrays.copyOf(buf, n), !last));
            if (last) {
                return;
            }
        }
    }

    private HandlerMessage waitInbound() throws InitiatorGone, InterruptedException {
        checkAborted();
        HandlerMessage m = inbound.poll(config.sessionTimeoutNanos(), TimeUnit.NANOSECONDS);
        if (m == null) {
            throw new InitiatorGone("nothing from the initiator within the session timeout", true);
        }
        return m;
    }

    private Data accept(HandlerMessage m) throws InitiatorGone {
        seq.check(m);
        return switch (m.packet().payload()) {
            case Data d -> {
                responseCredits += d.credits();
                yield d;
            }
            case Credit c -> {
                responseCredits += c.credits();
                yield null;
            }
            case Cancel c -> throw new InitiatorGone("cancelled by the initiator", false);
            case ErrorPacket e -> throw new InitiatorGone("error from the initiator: " + e.condition(), false);
            default -> null; // keep-alive and anything else only refresh the timer
        };
    }

    private void checkAborted() throws InitiatorGone {
        if (aborted) {
            throw new InitiatorGone("aborted", !inboundHasEnd());
        }
    }

    private boolean inboundHasEnd() {
        return inbound.stream().anyMatch(m -> m.packet().payload() instanceof Cancel
                || m.packet().payload() instanceof ErrorPacket);
    }

    /** An I/O failure: the initiator's doing when it aborted us (socket closed by a cancel), else {@code condition}. */
    private ClientFailure failure(String condition, String what, IOException e) throws InitiatorGone {
        checkAborted();
        return new ClientFailure(condition, what + ": " + e, e);
    }
}
