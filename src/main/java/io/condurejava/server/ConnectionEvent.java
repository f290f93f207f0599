package io.condurejava.server;

import io.condurejava.http1.HttpViolationException;
import io.condurejava.http1.RequestFraming;
import io.condurejava.http1.RequestHead;
import io.condurejava.zmq.HandlerMessage;

/**
 * Everything a connection's session thread reacts to, arriving on one queue: packets from handlers
 * (put there by the ZeroMQ thread) and what the connection's reader thread got from the client.
 */
sealed interface ConnectionEvent {

    /** A handler packet for one of this connection's sessions. */
    record FromHandler(HandlerMessage message) implements ConnectionEvent {}

    /** A complete, valid request head; its body (if any) follows as {@link BodyData} events. */
    record RequestArrived(RequestHead head, RequestFraming framing) implements ConnectionEvent {}

    /** A piece of the current request body, de-chunked; {@code last} marks the end of the body. */
    record BodyData(byte[] data, boolean last) implements ConnectionEvent {}

    /** The client sent something we refuse; nothing after it on this connection is read. */
    record ClientRejected(HttpViolationException violation) implements ConnectionEvent {}

    /** A WebSocket message piece or control message from the client (after an accepted upgrade). */
    record WebSocketIn(io.condurejava.ws.Incoming incoming) implements ConnectionEvent {}

    /** The WebSocket client broke a protocol rule; the connection fails with the exception's close code. */
    record WebSocketViolation(io.condurejava.ws.WebSocketProtocolException violation) implements ConnectionEvent {}

    /**
     * The server is stopping: between requests the connection closes; with {@code now} the exchange
     * in progress ends too (cancel to the handler, 1001 to a WebSocket client).
     */
    record Stop(boolean now) implements ConnectionEvent {}

    /** The client closed the connection or reading from it failed. */
    record ClientGone(String reason) implements ConnectionEvent {}

    /** The reader could not hand a WebSocket piece to the handler (it took nothing within the session timeout). */
    record HandlerUnavailable(String reason) implements ConnectionEvent {}

    /**
     * The deadline the exchange in progress published has passed (posted by the listener's watchdog, so an
     * exchange can wait for its next event without a timed park); the exchange checks its timeouts.
     */
    record DeadlinePassed() implements ConnectionEvent {}
}
