package io.condurejava.client;

import io.condurejava.ws.Incoming;
import io.condurejava.ws.WebSocketProtocolException;
import io.condurejava.zmq.HandlerMessage;

/**
 * What a client-mode WebSocket session thread waits for: a packet from the initiator (posted by
 * the ZeroMQ thread) or an event from the origin reader thread. Immutable; crosses threads through
 * the session's queue.
 */
sealed interface WebSocketEvent {
    /** A later packet of the session from the initiator. */
    record FromInitiator(HandlerMessage message) implements WebSocketEvent {}

    /** A message piece or control frame from the origin, within the initiator's credits. */
    record FromOrigin(Incoming incoming) implements WebSocketEvent {}

    /** The origin broke a WebSocket rule; fail the connection with its close code. */
    record OriginViolation(WebSocketProtocolException violation) implements WebSocketEvent {}

    /** The origin connection ended without a close frame, or failed. */
    record OriginGone(String reason) implements WebSocketEvent {}
}
