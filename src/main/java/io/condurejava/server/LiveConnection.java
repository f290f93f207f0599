package io.condurejava.server;

/**
 * A running client connection as its listener sees it: something to run on a virtual thread, to
 * watch for a stalled write, and to close at shutdown.
 */
interface LiveConnection extends Runnable {
    String connectionId();

    /** How long a write to this client has been blocked (0 when none is). Watchdog thread. */
    long stalledWriteNanos(long now);

    /** When a blocking read of this connection must have finished ({@code System.nanoTime()} base), or 0 for none. */
    default long readDeadlineNanos() {
        return 0;
    }

    /**
     * When the exchange in progress must next check its timeouts ({@code System.nanoTime()} base), or 0 for
     * none; once passed the watchdog calls {@link #deadlinePassed}.
     */
    default long exchangeDeadlineNanos() {
        return 0;
    }

    /** The exchange's deadline has passed: wake it to check its timeouts. Watchdog thread. */
    default void deadlinePassed() {
    }

    /** Closes the client socket; any thread. */
    void closeQuietly();

    /** Asks the connection to end as soon as its current exchange allows (graceful shutdown). Any thread. */
    void stopWhenIdle();

    /** Ends the exchange in progress now: cancel to the handler, close 1001 to a WebSocket client. Any thread. */
    void stopNow();
}
