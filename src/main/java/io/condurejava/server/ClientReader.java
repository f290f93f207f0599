package io.condurejava.server;

import io.condurejava.session.CreditGate;
import io.condurejava.http1.ChunkedInputStream;
import io.condurejava.http1.FixedLengthInputStream;
import io.condurejava.http1.HttpInput;
import io.condurejava.http1.HttpViolationException;
import io.condurejava.http1.RequestFraming;
import io.condurejava.http1.RequestHead;
import io.condurejava.ws.Handshake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;

/**
 * The reading half of an HTTP/1 connection; runs on the connection's second virtual thread, which
 * {@link HttpConnection} starts only once reading must go on beside an exchange (a request body, a
 * WebSocket, a response that does not end with the handler's first message): until then the session
 * thread reads its requests itself. Loop: read a request head, post it, then read its body only as far
 * as the handler's credits allow ({@link CreditGate}), posting each piece (it waits for at most
 * buffer-size bytes, then takes whatever else has already arrived, up to {@link #READY_PIECE_BYTES} as
 * far as the {@link ReadyPieceBudget} allows); then the next head (pipelining, and noticing a client
 * that goes away while its response is pending). A violation is posted and ends reading. After a
 * WebSocket request head it waits for the upgrade decision and, if accepted, becomes a
 * {@link WebSocketReader}. A WebSocket whose request head the session thread read gets its reader thread
 * when the client's first bytes come, the session thread having waited for them once it left the session
 * ({@link #webSocketAfterSession}), or, when the accept was made on the session thread while it still ran
 * the session, at the accept ({@link #webSocket}).
 */
final class ClientReader implements Runnable {
    static final int MAX_REQUEST_HEADERS = 64;
    static final int MAX_TRAILER_BYTES = 8192;
    /**
     * Most bytes one body or WebSocket piece carries when they have already arrived (a piece never waits for
     * more than buffer-size). Fewer, larger ZHTTP messages for fast uploads: a 40 MiB PUT is 160 messages
     * instead of 5,120; a slow client still costs at most one buffer-size piece, and what pieces hold beyond
     * buffer-size comes out of the process-wide {@link ReadyPieceBudget}.
     */
    static final int READY_PIECE_BYTES = 256 * 1024;

    private final HttpInput input;
    private final int bufferSize;
    private final CreditGate gate;
    private final BlockingQueue<ConnectionEvent> events;
    private final WebSocketUpgrade upgrade;
    /** Request heads read so far on this connection. */
    private long requests;
    /** A head the session thread read and handed over with {@link #afterHead}, until the reader starts. */
    private RequestHead takenHead;
    private RequestFraming takenFraming;

    ClientReader(HttpInput input, int bufferSize, CreditGate gate, BlockingQueue<ConnectionEvent> events,
                 WebSocketUpgrade upgrade) {
        this.upgrade = upgrade;
        this.input = input;
        this.bufferSize = bufferSize;
        this.gate = gate;
        this.events = events;
    }

    /** Reads the connection from its first request head on. */
    @Override
    public void run() {
        readFrom();
    }

    /**
     * Reads on from the next request head, after the session thread has read {@code headsSoFar} heads
     * itself (and handled each one's exchange, or is handling the last).
     */
    Runnable fromNextHead(long headsSoFar) {
        requests = headsSoFar;
        return this::readFrom;
    }

    /**
     * Takes over after the session thread has read head number {@code headsSoFar} (and handles it): reads
     * that request's body, then goes on with the next heads.
     */
    Runnable afterHead(long headsSoFar, RequestHead head, RequestFraming framing) {
        requests = headsSoFar;
        takenHead = head;
        takenFraming = framing;
        return this::readFrom;
    }

    /**
     * Reads the WebSocket whose upgrade request the session thread read (head number {@code headsSoFar}) and
     * whose accept that thread made while it still ran the session (so it cannot read): a reader thread started
     * at the accept, whose first wait is for the client's frames.
     */
    Runnable webSocket(long headsSoFar, WebSocketUpgrade.Accepted accepted) {
        requests = headsSoFar;
        return () -> {
            try {
                readWebSocket(accepted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * Reads the WebSocket whose upgrade request the session thread read, once that thread has left the session
     * and the client's first bytes (or its end) have come ({@link HttpConnection}): waits for the decision, which
     * has then almost always been made, and reads frames if it was an accept.
     */
    void webSocketAfterSession(long headsSoFar) {
        requests = headsSoFar;
        try {
            WebSocketUpgrade.Accepted accepted = upgrade.await();
            if (accepted != null) {
                readWebSocket(accepted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readWebSocket(WebSocketUpgrade.Accepted accepted) throws InterruptedException {
        input.stopBuffering();
        new WebSocketReader(input, accepted, gate, requests, events).run();
    }

    /**
     * The loop; starts with the head {@link #afterHead} left (already posted by the session thread), if any,
     * which the fields then stop holding: no frame but the loop's refers to it, and the loop lets go of it
     * before a long-lived WebSocket reader waits.
     */
    private void readFrom() {
        RequestHead head = takenHead;
        RequestFraming framing = takenFraming;
        takenHead = null;
        takenFraming = null;
        try {
            while (true) {
                boolean post = head == null;
                if (post) {
                    head = input.readRequestHead(MAX_REQUEST_HEADERS);
                    if (head == null) {
                        events.put(new ConnectionEvent.ClientGone("closed by client"));
                        return;
                    }
                    requests++; // the session's exchange for this request will be credit generation `requests`
                }
                if (Handshake.isWebSocketRequest(head.headers())) { // read here: afterHead never hands one over
                    events.put(new ConnectionEvent.RequestArrived(head, new RequestFraming.NoBody()));
                    head = null; // the session has it; a long-lived WebSocket reader should not hold it
                    WebSocketUpgrade.Accepted accepted = upgrade.await();
                    if (accepted != null) {
                        readWebSocket(accepted);
                    }
                    return; // a WebSocket connection never goes back to HTTP
                }
                if (post) {
                    framing = RequestFraming.of(head);
                    events.put(new ConnectionEvent.RequestArrived(head, framing));
                }
                if (!readBody(framing)) {
                    return;
                }
                head = null;
            }
        } catch (HttpViolationException e) {
            postQuietly(new ConnectionEvent.ClientRejected(e));
        } catch (IOException e) {
            postQuietly(new ConnectionEvent.ClientGone(e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Streams one body within credits; false when the session stopped wanting it. */
    private boolean readBody(RequestFraming framing) throws IOException, InterruptedException {
        InputStream body = switch (framing) {
            case RequestFraming.NoBody none -> null;
            case RequestFraming.FixedLength fixed -> fixed.length() == 0 ? null : new FixedLengthInputStream(input, fixed.length());
            case RequestFraming.Chunked chunked -> new ChunkedInputStream(input, MAX_TRAILER_BYTES);
        };
        if (body == null) {
            return true;
        }
        long remaining = framing instanceof RequestFraming.FixedLength fixed ? fixed.length() : -1;
        int maxPiece = Math.max(bufferSize, READY_PIECE_BYTES);
        int held = 0; // ready bytes of the previous piece, until it has been handed on
        try {
            while (true) {
                int allowed = gate.acquire(requests, maxPiece); // returns once the previous piece was handed on
                ReadyPieceBudget.giveBack(held);
                held = 0;
                if (allowed < 0) {
                    return false;
                }
                int blocking = Math.min(allowed, bufferSize);
                byte[] data = readPiece(body, blocking, allowed);
                if (data == null) {
                    gate.giveBack(requests, allowed);
                    events.put(new ConnectionEvent.BodyData(new byte[0], true));
                    return true;
                }
                int n = data.length;
                held = Math.max(0, n - blocking); // taken from the budget by readPiece
                gate.giveBack(requests, allowed - n);
                boolean last = false;
                if (remaining >= 0) {
                    remaining -= n;
                    last = remaining == 0;
                }
                events.put(new ConnectionEvent.BodyData(data, last));
                if (last) {
                    return true;
                }
            }
        } finally {
            ReadyPieceBudget.giveBack(held);
        }
    }

    /**
     * Reads one piece: waits for between 1 and {@code blocking} bytes, then, if those filled it, adds what
     * {@code body} can give without blocking, up to {@code max} in all and as far as the
     * {@link ReadyPieceBudget} allows (the caller gives back what the piece holds beyond {@code blocking}
     * once it has been handed on). The budget is asked only after bytes have arrived, so a silent client
     * holds none of it. Null at the end of the body.
     */
    private static byte[] readPiece(InputStream body, int blocking, int max) throws IOException {
        byte[] first = new byte[blocking];
        int n = body.read(first, 0, blocking);
        if (n < 0) {
            return null;
        }
        if (n < blocking || max == blocking) {
            return n == blocking ? first : Arrays.copyOf(first, n);
        }
        int more = ReadyPieceBudget.take(Math.min(body.available(), max - n));
        if (more <= 0) {
            return first;
        }
        byte[] piece = Arrays.copyOf(first, n + more);
        while (n < piece.length) {
            int got = body.read(piece, n, piece.length - n); // already arrived: does not block
            if (got < 0) {
                ReadyPieceBudget.giveBack(piece.length - n); // not filled: only what was read stays taken
                return Arrays.copyOf(piece, n);
            }
            n += got;
        }
        return piece;
    }

    private void postQuietly(ConnectionEvent event) {
        try {
            events.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
