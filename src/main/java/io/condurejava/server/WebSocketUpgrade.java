package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.PerMessageDeflate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The decision on a connection's WebSocket upgrade, made on the session's thread (which hears the handler
 * accept or reject), and who reads the WebSocket. When the session thread read the upgrade request itself, it
 * waits for the client's first bytes once it has left the session and then starts the reader, which waits for
 * the decision ({@link #headReaderReads}, {@link #await}); only an accept made on that thread while it still
 * runs the session starts a reader thread at once ({@link #readOnHeadReaderOr}). When a reader thread read it
 * (the connection had a request body before), that thread waits for the decision ({@link #await}) before
 * reading anything after the head. A connection upgrades at most once.
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
    /** The session thread that read the upgrade request itself; it waits for the client once it has left the session. */
    private Thread headReader;
    /** Starts a reader thread when the accept arrives while that thread still runs the session. */
    private Consumer<Accepted> startReader;
    /** Set on the head reader's own thread when the accept started a reader thread there. */
    private boolean readerStartedAtAccept;

    /**
     * The session thread read the upgrade request itself: once it has left the session (the session detached),
     * it waits for the client's bytes and has the WebSocket read ({@link #headReaderReads}). An accept made on
     * that same thread, while it still runs the session, cannot wait for that and starts a reader thread with
     * {@code startReader}. Session thread.
     */
    void readOnHeadReaderOr(Consumer<Accepted> startReader) {
        headReader = Thread.currentThread();
        this.startReader = startReader;
    }

    /** Session thread: the handler accepted and the 101 is written; the reading of frames may begin. */
    void accept(Accepted accepted) {
        decision.complete(accepted);
        if (startReader != null && Thread.currentThread() == headReader) {
            readerStartedAtAccept = true;
            startReader.accept(accepted);
        }
        startReader = null;
    }

    /**
     * The head reader, after it left the session: true when it is the one to wait for the client's bytes and
     * have the WebSocket read (the accept, if any, was made on another thread, or is yet to come, and the
     * request head was read on this thread).
     */
    boolean headReaderReads() {
        return headReader == Thread.currentThread() && !readerStartedAtAccept;
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
