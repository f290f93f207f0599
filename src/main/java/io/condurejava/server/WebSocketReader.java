package io.condurejava.server;

import io.condurejava.session.CreditGate;
import io.condurejava.ws.Incoming;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.Role;
import io.condurejava.ws.WebSocketProtocolException;
import io.condurejava.zmq.HandlerUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;

/**
 * The reading half of an upgraded WebSocket connection, on the connection's reader virtual thread:
 * frames become message pieces and control messages (rules enforced by {@link MessageReader}),
 * read only while the handler has granted credits; data, ping and pong pieces go straight to the
 * handler through the session's sink, a close frame, a violation or the end to the session thread.
 * A piece waits for at most min(credits, buffer-size) bytes and, uncompressed, takes more when it has
 * already arrived and the {@link ReadyPieceBudget} allows, up to the sizes {@link WebSocketExchange}
 * set in the accepted upgrade; the budget is asked only once bytes beyond buffer-size are there, so a
 * silent client holds none of it. Ends after the client's close frame, a violation or EOF.
 */
final class WebSocketReader {
    private final MessageReader reader;
    private final int bufferSize;
    private final int maxPiece;
    private final CreditGate gate;
    private final long generation;
    private final BlockingQueue<ConnectionEvent> events;
    private final WebSocketUpgrade.ClientPieceSink sink;

    WebSocketReader(InputStream in, WebSocketUpgrade.Accepted accepted, CreditGate gate,
                    long generation, BlockingQueue<ConnectionEvent> events) {
        this.generation = generation;
        this.reader = new MessageReader(in, Role.SERVER, accepted.maxMessageBytes(), accepted.deflate());
        this.bufferSize = accepted.blockingPieceBytes();
        this.maxPiece = accepted.maxPieceBytes();
        this.gate = gate;
        this.events = events;
        this.sink = accepted.sink();
    }

    void run() throws InterruptedException {
        try (reader) {
            while (true) {
                int allowed = gate.acquire(generation, maxPiece);
                if (allowed < 0) {
                    return;
                }
                int blocking = Math.min(allowed, bufferSize);
                int extra = 0;
                if (allowed > blocking) {
                    long ready = reader.awaitInput(); // no budget is held while the client is silent
                    extra = ReadyPieceBudget.take((int) Math.min(allowed - blocking, Math.max(0, ready - blocking)));
                }
                try {
                    Incoming incoming = reader.next(blocking + extra, blocking);
                    if (incoming == null) {
                        events.put(new ConnectionEvent.ClientGone("connection closed without a close frame"));
                        return;
                    }
                    gate.giveBack(generation, allowed - Math.min(allowed, contentBytes(incoming)));
                    if (incoming instanceof Incoming.Close) {
                        events.put(new ConnectionEvent.WebSocketIn(incoming)); // the session thread answers it
                        return; // nothing is read after the client's close frame
                    }
                    try {
                        sink.forward(incoming);
                    } catch (HandlerUnavailableException e) {
                        events.put(new ConnectionEvent.HandlerUnavailable(e.getMessage()));
                        return;
                    }
                    gate.pieceDone();
                } finally {
                    ReadyPieceBudget.giveBack(extra); // the piece has been handed on (or never will be)
                }
            }
        } catch (WebSocketProtocolException e) {
            events.put(new ConnectionEvent.WebSocketViolation(e));
        } catch (IOException e) {
            events.put(new ConnectionEvent.ClientGone(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** Bytes a piece costs in credits: data and ping/pong payloads (Condure); close frames are free. */
    private static int contentBytes(Incoming incoming) {
        return switch (incoming) {
            case Incoming.DataPart part -> part.data().length;
            case Incoming.Ping ping -> ping.payload().length;
            case Incoming.Pong pong -> pong.payload().length;
            case Incoming.Close close -> 0;
        };
    }
}
