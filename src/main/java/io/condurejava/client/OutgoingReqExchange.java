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
 * whole request is in the one message (its {@code more} is ignored), the response is read whole
 * (body up to {@code --body-buffer-size}) and goes back in one data message
 * {@code {from, id, code, reason, headers, body}} — no seq, no credits, no {@code ext} — on the
 * envelope the request came with; any failure is an {@code error} message with a condition
 * (a response too large is {@code undefined-condition}; a WebSocket uri is {@code bad-request}).
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

    private Payload exchange() throws ClientFailure {
        if (RequestUri.isWebSocket(request)) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "WebSocket in req mode");
        }
        OutgoingRequest req = OutgoingRequest.of(request.toBuilder().more(false).build());
        if (req.length() >= 0 && req.length() != request.body().length) {
            throw new ClientFailure(Conditions.BAD_REQUEST, "body length differs from its Content-Length");
        }
        OriginCall.Started started;
        try {
            started = OriginCall.start(config, req.target(), OriginCall.repeatable(request.method(), false), out -> {
                out.write(req.head());
                out.write(request.body());
            }, opened -> socket = opened, () -> { });
        } catch (InitiatorGone | InterruptedException e) {
            throw new ClientFailure(Conditions.UNDEFINED, "interrupted", e); // no initiator to lose in req mode
        }
        if (aborted) {
            throw new ClientFailure(Conditions.UNDEFINED, "shutting down");
        }
        IncomingResponseHead head = started.head();
        try {
            ResponseBodyFraming framing = head.framing(request.method());
            InputStream bodyStream = OriginResponses.body(framing, started.connection().in, config.bufferSize());
            byte[] body = OriginResponses.readAll(bodyStream, config.reqMaxResponseBytes(), false);
            if (body == null) {
                throw new ClientFailure(Conditions.UNDEFINED, "response body larger than " + config.reqMaxResponseBytes()
                        + " bytes");
            }
            if (!aborted && OriginCall.reusable(head, framing, started.connection())) {
                socket = null; // the pool owns it now
                config.pool().give(OriginPool.Key.of(req.target()), started.connection());
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
