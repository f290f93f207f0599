package io.condurejava.server;

import io.condurejava.http1.HttpInput;
import io.condurejava.session.CreditGate;
import io.condurejava.ws.Incoming;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader waiting for a silent client holds none of the process-wide {@link ReadyPieceBudget}: an idle
 * WebSocket or a stalled upload must not use up what fast clients' large pieces come out of (with 64 KiB
 * windows, about 1,200 idle WebSockets would otherwise have held all of it). Once bytes arrive, large
 * pieces still form and every byte of budget comes back. Real readers on virtual threads over piped streams.
 */
class SilentClientBudgetTest {
    private static final int BUFFER_SIZE = 8192;
    private static final int WINDOW = 65536;
    /** How long the budget must stay untouched while the reader waits. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void aWebSocketReaderWaitingForItsClientHoldsNoBudget() throws Exception {
        long before = ReadyPieceBudget.left();
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(client, 1 << 20);
        CreditGate gate = CreditGate.singleStream(WINDOW);
        BlockingQueue<Incoming> forwarded = new LinkedBlockingQueue<>();
        BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        WebSocketUpgrade.Accepted accepted = new WebSocketUpgrade.Accepted(null, 1 << 26, piece -> {
            forwarded.add(piece);
            gate.add(contentBytes(piece)); // the handler grants again what it got
        }, BUFFER_SIZE, WINDOW);
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                new WebSocketReader(in, accepted, gate, CreditGate.SINGLE_STREAM, events).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().during(QUIET).atMost(Duration.ofSeconds(5)).until(() -> ReadyPieceBudget.left() == before);

            byte[] small = payload(1000);
            client.write(maskedBinaryFrame(small));
            assertArrayEquals(small, nextPiece(forwarded), "a small message arrives whole");
            await().during(QUIET).atMost(Duration.ofSeconds(5)).until(() -> ReadyPieceBudget.left() == before);

            byte[] large = payload(60_000);
            client.write(maskedBinaryFrame(large)); // all of it arrives before the reader looks
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int largestPiece = 0;
            while (got.size() < large.length) {
                byte[] piece = nextPiece(forwarded);
                largestPiece = Math.max(largestPiece, piece.length);
                got.writeBytes(piece);
            }
            assertArrayEquals(large, got.toByteArray());
            assertTrue(largestPiece > BUFFER_SIZE, "bytes already there still make a large piece: " + largestPiece);
            await().atMost(Duration.ofSeconds(5)).until(() -> ReadyPieceBudget.left() == before);
        } finally {
            client.close();
            reader.join(10_000);
        }
    }

    @Test
    void aStalledUploadHoldsNoBudgetUntilItsBytesArrive() throws Exception {
        long before = ReadyPieceBudget.left();
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(client, 1 << 20);
        byte[] body = payload(200_000);
        client.write(("PUT /f HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        CreditGate gate = new CreditGate();
        BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(
                new ClientReader(new HttpInput(in, BUFFER_SIZE), BUFFER_SIZE, gate, events, new WebSocketUpgrade()));
        try {
            assertInstanceOf(ConnectionEvent.RequestArrived.class, events.poll(10, TimeUnit.SECONDS));
            gate.begin();
            gate.add(1 << 20);
            await().during(QUIET).atMost(Duration.ofSeconds(5)).until(() -> ReadyPieceBudget.left() == before);

            client.write(body); // all of it arrives at once
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int largestPiece = 0;
            while (true) {
                ConnectionEvent event = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(event, "a body piece");
                ConnectionEvent.BodyData data = assertInstanceOf(ConnectionEvent.BodyData.class, event);
                got.writeBytes(data.data());
                largestPiece = Math.max(largestPiece, data.data().length);
                gate.pieceDone();
                if (data.last()) {
                    break;
                }
            }
            assertArrayEquals(body, got.toByteArray());
            assertTrue(largestPiece > BUFFER_SIZE, "bytes already there still make a large piece: " + largestPiece);
            await().atMost(Duration.ofSeconds(5)).until(() -> ReadyPieceBudget.left() == before);
            assertEquals(before, ReadyPieceBudget.left());
        } finally {
            gate.close();
            client.close();
            reader.join(10_000);
        }
    }

    private static byte[] nextPiece(BlockingQueue<Incoming> forwarded) throws InterruptedException {
        Incoming piece = forwarded.poll(10, TimeUnit.SECONDS);
        assertNotNull(piece, "a piece reaches the handler side");
        return assertInstanceOf(Incoming.DataPart.class, piece).data();
    }

    private static long contentBytes(Incoming piece) {
        return piece instanceof Incoming.DataPart part ? part.data().length : 0;
    }

    private static byte[] payload(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    /** One final binary frame as a client sends it (masked, RFC 6455 §5.2). */
    private static byte[] maskedBinaryFrame(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x82);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }
}
