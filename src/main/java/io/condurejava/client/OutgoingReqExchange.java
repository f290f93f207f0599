package io.condurejava.client;

import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.http1.MalformedResponseException;
import io.condurejava.http1.ResponseBodyFraming;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpPacket;
import io.condurejava.zmq.ZServerReqEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * One req-mode request ({@code --zserver-req}, reference §10), on its own virtual thread: the
 * whole request is in the one message (its {@code more} is ignored), redirects are followed with
 * {@code follow-redirects} ({@link FollowingCall}), the response is read whole (body up to
 * {@link #responseLimit}) and goes back in one data message
 * {@code {from, id, code, reason, headers, body}} — no seq, no credits, no {@code ext} — on the
 * envelope the request came with; any failure is an {@code error} message with a condition
 * (a response too large is {@code max-size-exceeded}; a WebSocket uri is {@code bad-request}).
 * Origin connections are pooled as in stream mode ({@link OriginCall}).
 */
final class OutgoingReqExchange implements Runnable {
    private static final Logger log = LoggerFactory.getLogger("client");

    private final ClientConfig config;
    private final ZServerReqEnvelope envelope;
    private final String id;
    private final Data request;
    private final Runnable onFinish;
    private volatile Socket socket;
    private volatile boolean aborted;

    OutgoingReqExchange(ClientConfig config, ZServerReqEnvelope envelope, String id, Data request,
                        Runnable onFinish) {
        this.config = config;
        this.envelope = envelope;
        this.id = id;
        this.request = request;
        this.onFinish = onFinish;
    }

    /** Any thread: closes the origin connection (shutdown); the reply becomes an error. */
    void abort() {
        aborted = true;
        OriginConnector.closeQuietly(socket);
    }

    @Override
    public void run() {
        try {
            Payload reply;
            try {
                reply = exchange();
            } catch (ClientFailure f) {
                log.debug("client req {}: {} ({})", id, f.condition(), f.getMessage());
                reply = ErrorPacket.of(f.condition());
            } catch (RuntimeException e) {
                log.error("client req {}: exchange failed", id, e);
                reply = ErrorPacket.of(Conditions.UNDEFINED);
            } finally {
                OriginConnector.closeQuietly(socket);
            }
            ZhttpPacket packet = new ZhttpPacket(config.instanceId(), List.of(new IdSeq(id, IdSeq.NO_SEQ)), false, reply);
            if (!config.channel().sendReq(envelope, packet, config.sessionTimeoutNanos())) {
                log.warn("client req {}: reply queue full for the whole session timeout; reply dropped", id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onFinish.run();
        }
    }

    /** The largest response body: the request's {@code max-size} when positive, capped by {@code --body-buffer-size}. */
    static int responseLimit(long maxSize, int bodyBufferSize) {
        return maxSize > 0 ? (int) Math.min(maxSize, bodyBufferSize) : bodyBufferSize;
    }

    private Payload exchange() throws ClientFailure {
        if (RequestUri.isWebSocket(request)) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "WebSocket in req mode");
        }
        Data whole = request.toBuilder().more(false).build();
        OutgoingRequest req = OutgoingRequest.of(whole);
        if (req.length() >= 0 && req.length() != request.body().length) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "body length differs from its Content-Length");
        }
        FollowingCall.Outcome outcome;
        try {
            outcome = FollowingCall.run(config, whole, req, out -> {
                out.write(req.head());
                out.write(request.body());
            }, whole.followRedirects(), opened -> socket = opened, () -> {
                if (aborted) {
                    throw new InitiatorGone("shutting down", false); // stops the redirect hops too
                }
            });
        } catch (InitiatorGone | InterruptedException e) {
            throw new ClientFailure(Conditions.UNDEFINED, e.getMessage(), e); // no initiator to lose in req mode
        }
        if (aborted) {
            throw new ClientFailure(Conditions.UNDEFINED, "shutting down");
        }
        IncomingResponseHead head = outcome.head();
        int limit = responseLimit(request.maxSize(), config.reqMaxResponseBytes());
        try {
            ResponseBodyFraming framing = head.framing(outcome.request().method());
            InputStream bodyStream = OriginResponses.body(framing, outcome.connection().in, config.bufferSize());
            byte[] body = OriginResponses.readAll(bodyStream, limit, false);
            if (body == null) {
                throw new ClientFailure(Conditions.MAX_SIZE_EXCEEDED, "response body larger than " + limit + " bytes");
            }
            if (!aborted && OriginCall.reusable(head, framing, outcome.connection())) {
                socket = null; // the pool owns it now
                config.pool().give(OriginPool.Key.of(outcome.prepared().target()), outcome.connection());
            }
            return Data.response(head.code(), head.reason(), head.headers(), body, false, 0);
        } catch (MalformedResponseException e) {
            throw new ClientFailure(Conditions.UNDEFINED, e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw new ClientFailure(Conditions.CONNECTION_TIMEOUT, "waiting for the response", e);
        } catch (IOException e) {
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "reading the response: " + e, e);
        }
    }
}
