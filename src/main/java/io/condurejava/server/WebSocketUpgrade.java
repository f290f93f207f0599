package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.PerMessageDeflate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The decision on a connection's WebSocket upgrade, made on the session thread (which hears the handler
 * accept or reject). When the session thread read the upgrade request itself, an accept starts the reader
 * thread ({@link #onAccept}); when a reader thread read it (the connection had a request body before), that
 * thread waits for the decision ({@link #await}) before reading anything after the head. A connection
 * upgrades at most once.
 */
final class WebSocketUpgrade {
    /**
     * What the reader needs once the upgrade is accepted: the negotiated deflate (or null), the largest
     * message, where client pieces go (straight to the handler, see {@link WebSocketExchange}), the most a
     * piece may wait for and the most it may carry when the bytes have already arrived.
     */
    record Accepted(PerMessageDeflate.Negotiated deflate, long maxMessageBytes, ClientPieceSink sink,
                    int blockingPieceBytes, int maxPieceBytes) {

        /**
         * The sizes these settings give: a piece waits for at most --buffer-size (3/4 of it with deflate,
         * Condure's plain/encoded split) and never exceeds what was offered to the handler, so one that
         * echoes piece for piece can always answer; --websocket-max-message 0 means no limit.
         */
        static Accepted of(Settings settings, PerMessageDeflate.Negotiated deflate, ClientPieceSink sink) {
            int max = settings.websocketMaxMessage();
            int bufferSize = settings.bufferSize();
            int blocking = deflate != null ? bufferSize * 3 / 4 : bufferSize;
            int maxPiece = deflate != null ? blocking
                    : Math.max(blocking, Math.min(ClientReader.READY_PIECE_BYTES, settings.websocketCredits(false)));
            return new Accepted(deflate, max == 0 ? MessageReader.UNLIMITED_MESSAGE_BYTES : max, sink, blocking, maxPiece);
        }
    }

    /** Takes the reader's WebSocket data and ping/pong pieces, on the reader thread, in the order read. */
    @FunctionalInterface
    interface ClientPieceSink {
        void forward(io.condurejava.ws.Incoming piece) throws InterruptedException, io.condurejava.zmq.HandlerUnavailableException;
    }

    private final CompletableFuture<Accepted> decision = new CompletableFuture<>();
    /** Starts the reader at the accept when no reader thread waits for the decision (session thread). */
    private Consumer<Accepted> onAccept;

    /**
     * Makes {@link #accept} start the reading of the WebSocket with {@code startReader}: for a request head the
     * session thread read itself, so no reader thread has been waiting through the handshake. Session thread.
     */
    void onAccept(Consumer<Accepted> startReader) {
        onAccept = startReader;
    }

    /** Session thread: the handler accepted and the 101 is written; the reading of frames may begin. */
    void accept(Accepted accepted) {
        decision.complete(accepted);
        if (onAccept != null) {
            onAccept.accept(accepted);
            onAccept = null;
        }
    }

    /** The upgrade will not happen (rejected, failed, or the connection is closing). */
    void refuse() {
        decision.complete(null);
    }

    /** Blocks the reader until the decision; null when refused. */
    Accepted await() throws InterruptedException {
        try {
            return decision.get();
        } catch (ExecutionException e) {
            return null;
        }
    }
}
