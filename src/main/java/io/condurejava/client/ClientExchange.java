package io.condurejava.client;

import io.condurejava.zmq.HandlerMessage;

/**
 * One client-mode stream session as {@link ClientSessions} sees it: run on its own virtual thread,
 * fed the initiator's later packets by the ZeroMQ thread, aborted by shutdown, and swept for
 * keep-alives through its link.
 */
sealed interface ClientExchange extends Runnable permits OutgoingHttpExchange, OutgoingWebSocketExchange {
    /** ZeroMQ thread: queues an initiator packet without blocking; false when the queue is full (the exchange is aborted). */
    boolean deliver(HandlerMessage message);

    /** Any thread: ends the exchange at once (the origin socket is closed; the exchange thread notices). */
    void abort();

    /** The sending half, for the keep-alive sweeper. */
    InitiatorLink link();
}
