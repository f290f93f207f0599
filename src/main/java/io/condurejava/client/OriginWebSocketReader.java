package io.condurejava.client;

import io.condurejava.session.CreditGate;
import io.condurejava.ws.Incoming;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.PerMessageDeflate;
import io.condurejava.ws.Role;
import io.condurejava.ws.WebSocketProtocolException;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;

/**
 * The reading half of a client-mode WebSocket, on its own virtual thread: origin frames (which
 * must be unmasked; rules enforced by {@link MessageReader} in {@link Role#CLIENT}; inflated when
 * permessage-deflate was agreed) become message pieces and control messages, read only within the
 * initiator's credits (each piece at most min(credits, largest piece); data and ping/pong payloads cost credits, close frames do not), and
 * are posted to the session thread. Ends after the origin's close frame, a violation, EOF, or
 * when the session closes the credits or interrupts it.
 */
final class OriginWebSocketReader implements Runnable {
    private final MessageReader reader;
    private final int maxPieceBytes;
    private final CreditGate credits;
    private final BlockingQueue<WebSocketEvent> events;

    /**
     * @param maxPieceBytes largest message piece (plain bytes) posted at once
     * @param deflate the agreed permessage-deflate, or null
     */
    OriginWebSocketReader(InputStream in, long maxMessageBytes, int maxPieceBytes, PerMessageDeflate.Negotiated deflate,
                          CreditGate credits, BlockingQueue<WebSocketEvent> events) {
        this.reader = new MessageReader(in, Role.CLIENT, maxMessageBytes, deflate);
        this.maxPieceBytes = maxPieceBytes;
        this.credits = credits;
        this.events = events;
    }

    @Override
    public void run() {
        try (reader) {
            while (true) {
                int allowed = credits.acquire(CreditGate.SINGLE_STREAM, maxPieceBytes);
                if (allowed < 0) {
                    return;
                }
                Incoming incoming = reader.next(allowed);
                if (incoming == null) {
                    events.put(new WebSocketEvent.OriginGone("connection closed without a close frame"));
                    return;
                }
                credits.giveBack(CreditGate.SINGLE_STREAM, allowed - Math.min(allowed, cost(incoming)));
                events.put(new WebSocketEvent.FromOrigin(incoming));
                if (incoming instanceof Incoming.Close) {
                    return; // nothing is read after the close frame
                }
            }
        } catch (WebSocketProtocolException e) {
            events.offer(new WebSocketEvent.OriginViolation(e));
        } catch (IOException e) {
            events.offer(new WebSocketEvent.OriginGone(e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            // the session ended
        }
    }

    /** Credits a piece costs: data and ping/pong payload bytes; close frames are free (as Condure). */
    private static int cost(Incoming incoming) {
        return switch (incoming) {
            case Incoming.DataPart part -> part.data().length;
            case Incoming.Ping ping -> ping.payload().length;
            case Incoming.Pong pong -> pong.payload().length;
            case Incoming.Close close -> 0;
        };
    }
}
