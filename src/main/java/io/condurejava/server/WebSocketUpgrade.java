package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.PerMessageDeflate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The decision on a connection's WebSocket upgrade, passed from the session thread (which hears the
 * handler accept or reject) to the reader thread (which waits before reading anything after the
 * request head). A connection upgrades at most once.
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

    void accept(Accepted accepted) {
        decision.complete(accepted);
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
