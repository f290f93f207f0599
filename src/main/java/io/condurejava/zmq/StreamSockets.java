package io.condurejava.zmq;

import io.condurejava.zmq.zmtp.ZmtpSocket;

/**
 * The three server-side sockets of stream mode — PUSH {@code -out}, ROUTER {@code -out-stream}, SUB
 * {@code -in} — as the hub uses them, whoever speaks ZMTP for them: JeroMQ ({@link JeromqStreamSockets}) or
 * the ZeroMQ thread itself ({@link NativeStreamSockets}). Never blocks. ZeroMQ thread only.
 */
sealed interface StreamSockets permits JeromqStreamSockets, NativeStreamSockets {

    /** Starts watching the sockets in the hub's selector. */
    void watch(HubSelector selector);

    /** Runs at the start of every round: lets sockets take in what arrived; returns the selector bits that fired. */
    int beforeRound(HubSelector selector);

    /** PUSH: hands a first message, {@code payload[offset, +length)}, to some handler; false when none can take it now (retried). */
    boolean sendInitial(byte[] payload, int offset, int length);

    /** PUSH: true when {@link #sendInitial} would succeed now. */
    boolean canSendInitial();

    /** ROUTER: sends {@code ["", payload[offset, +length)]} to the handler at {@code address}. */
    ZmtpSocket.Route sendRouted(byte[] address, byte[] payload, int offset, int length);

    /** SUB: the first frame of the next packet from a handler, or null. */
    byte[] receive();

    /** SUB: true when {@link #receive} has something (may process pending socket commands). */
    boolean inputWaiting();

    /** Runs at the end of every round: writes what the round queued. */
    void afterRound();

    /** The selector reported {@code fired} (the hub's socket bits). */
    void signalled(int fired);

    /** Once a second: drops handler connections whose handshake has taken too long. */
    void tick(long nowNanos);

    /** True while bytes for handlers are still queued inside the sockets. */
    boolean hasPendingOutput();

    /** Before the context closes: gives queued messages up to {@code lingerMillis} to leave. Idempotent. */
    void prepareClose(int lingerMillis);
}
