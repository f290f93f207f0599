package io.condurejava.client;

import io.condurejava.http1.HttpInput;
import io.condurejava.http1.IncomingResponseHead;
import io.condurejava.http1.MalformedResponseException;
import io.condurejava.ws.PerMessageDeflate;
import io.condurejava.zhttp.ErrorPacket;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/**
 * The opening handshake of a client-mode WebSocket, on the session's thread: connects (always a new
 * connection), sends {@link WebSocketRequest}'s head, reads the answer; a 101 is checked with
 * {@link WebSocketAnswer} (a bad one, including an invalid permessage-deflate acceptance, is
 * {@code undefined-condition}) and yields the open connection with the agreed compression, any other status a {@code rejected} error
 * carrying the origin's code, reason, headers and body (at most the buffer size of it). Failures
 * are {@link ClientFailure}s with Condure's conditions.
 */
final class WebSocketOpening {
    /** The outcome: the connection is open, or the origin said no. */
    sealed interface Result {
        /**
         * A 101 that completes the handshake; {@code in} holds any bytes read past the head;
         * {@code deflate} is the agreed permessage-deflate, or null.
         */
        record Open(IncomingResponseHead head, Socket socket, HttpInput in, OutputStream out,
                    PerMessageDeflate.Negotiated deflate) implements Result {}

        /** Any other answer, as the error packet for the initiator. */
        record Rejected(ErrorPacket error) implements Result {}
    }

    private WebSocketOpening() {
    }

    static Result open(ClientConfig config, WebSocketRequest request, Consumer<Socket> opened,
                       OriginCall.AbortCheck aborted) throws ClientFailure, InitiatorGone {
        Socket s = config.connector().connect(request.target(), opened);
        aborted.check();
        OriginConnection c;
        try {
            c = OriginConnection.fresh(s, config.bufferSize());
            c.out.write(request.head());
            c.out.flush();
        } catch (IOException e) {
            aborted.check();
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "writing the handshake: " + e, e);
        }
        IncomingResponseHead head;
        try {
            head = OriginResponses.readHead(c.in, config.bufferSize());
            if (head.code() != 101) {
                byte[] body = OriginResponses.readAll(OriginResponses.body(head.framing("GET"), c.in,
                        config.bufferSize()), config.bufferSize(), true);
                return new Result.Rejected(ErrorPacket.rejected(head.code(), head.reason(), head.headers(), body));
            }
        } catch (MalformedResponseException e) {
            throw new ClientFailure(Conditions.UNDEFINED, e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            aborted.check();
            throw new ClientFailure(Conditions.CONNECTION_TIMEOUT, "waiting for the handshake answer: " + e, e);
        } catch (IOException e) {
            aborted.check();
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "reading the handshake answer: " + e, e);
        }
        String problem = WebSocketAnswer.problem(head, request);
        if (problem != null) {
            throw new ClientFailure(Conditions.UNDEFINED, "bad WebSocket handshake answer: " + problem);
        }
        try {
            s.setSoTimeout(0); // from now on the session's stream deadline bounds idleness
        } catch (IOException e) {
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "socket setup: " + e, e);
        }
        return new Result.Open(head, s, c.in, c.out, WebSocketAnswer.deflate(head, request));
    }
}
