package io.condurejava.server;

import io.condurejava.http1.HttpInput;
import io.condurejava.session.CreditGate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@link ClientReader} cuts a request body into pieces: it waits for at most buffer-size bytes, then
 * adds what has already arrived, up to {@link ClientReader#READY_PIECE_BYTES}, the handler's credits and
 * what is left of the process-wide {@link ReadyPieceBudget}.
 */
class ClientReaderPieceTest {
    private static final int BUFFER_SIZE = 8192;
    private static final int BODY_BYTES = 300_000;

    @Test
    void aBodyThatHasAlreadyArrivedGoesOutInLargePieces() throws Exception {
        byte[] body = body();
        List<byte[]> pieces = read(new ByteArrayInputStream(wire(body, false)), 1 << 20);
        assertArrayEquals(body, concat(pieces));
        int largest = pieces.stream().mapToInt(p -> p.length).max().orElseThrow();
        assertEquals(ClientReader.READY_PIECE_BYTES, largest, "pieces grow to the ready-piece limit");
        assertTrue(pieces.size() < BODY_BYTES / BUFFER_SIZE, "fewer pieces than buffer-sized ones: " + pieces.size());
    }

    @Test
    void aChunkedBodyThatHasAlreadyArrivedGoesOutInLargePiecesToo() throws Exception {
        byte[] body = body();
        List<byte[]> pieces = read(new ByteArrayInputStream(wire(body, true)), 1 << 20);
        assertArrayEquals(body, concat(pieces));
        assertTrue(pieces.stream().anyMatch(p -> p.length > BUFFER_SIZE), "some piece is larger than the buffer");
        assertTrue(pieces.stream().allMatch(p -> p.length <= ClientReader.READY_PIECE_BYTES));
    }

    @Test
    void piecesNeverExceedTheCredits() throws Exception {
        byte[] body = body();
        List<byte[]> pieces = read(new ByteArrayInputStream(wire(body, false)), 20_000);
        assertArrayEquals(body, concat(pieces));
        assertTrue(pieces.stream().allMatch(p -> p.length <= 20_000), "each piece within the credits granted");
    }

    @Test
    void aTricklingClientNeverMakesAPieceLargerThanTheBuffer() throws Exception {
        byte[] body = body();
        List<byte[]> pieces = read(new NothingReadyInputStream(wire(body, false)), 1 << 20);
        assertArrayEquals(body, concat(pieces));
        assertTrue(pieces.stream().allMatch(p -> p.length <= BUFFER_SIZE), "nothing arrived ahead: buffer-sized pieces");
    }

    @Test
    void whenTheProcessWideBudgetIsSpentPiecesStayBufferSized() throws Exception {
        byte[] body = body();
        int taken = ReadyPieceBudget.take(Integer.MAX_VALUE); // as if other fast uploads held all of it
        try {
            List<byte[]> pieces = read(new ByteArrayInputStream(wire(body, false)), 1 << 20);
            assertArrayEquals(body, concat(pieces));
            assertTrue(pieces.stream().allMatch(p -> p.length <= BUFFER_SIZE), "no budget: buffer-sized pieces");
        } finally {
            ReadyPieceBudget.giveBack(taken);
        }
    }

    @Test
    void everyReadyByteGoesBackToTheBudgetWhenTheBodyEnds() throws Exception {
        long before = ReadyPieceBudget.left();
        read(new ByteArrayInputStream(wire(body(), false)), 1 << 20);
        assertEquals(before, ReadyPieceBudget.left());
        read(new ByteArrayInputStream(wire(body(), true)), 1 << 20);
        assertEquals(before, ReadyPieceBudget.left());
    }

    /** Runs a reader over {@code in}, grants {@code credits} for the body and replenishes what each piece used. */
    private static List<byte[]> read(InputStream in, int credits) throws Exception {
        CreditGate gate = new CreditGate();
        BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        ClientReader reader = new ClientReader(new HttpInput(in, BUFFER_SIZE), BUFFER_SIZE, gate, events, new WebSocketUpgrade());
        Thread thread = Thread.ofVirtual().start(reader);
        ConnectionEvent first = events.poll(10, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionEvent.RequestArrived.class, first);
        gate.begin();
        gate.add(credits);
        List<byte[]> pieces = new ArrayList<>();
        while (true) {
            ConnectionEvent event = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "a body piece");
            ConnectionEvent.BodyData data = assertInstanceOf(ConnectionEvent.BodyData.class, event);
            pieces.add(data.data());
            gate.pieceDone();
            gate.add(data.data().length); // the handler grants again what it consumed
            if (data.last()) {
                break;
            }
        }
        gate.close();
        thread.join(10_000);
        return pieces.stream().filter(p -> p.length > 0).toList();
    }

    private static byte[] body() {
        byte[] body = new byte[BODY_BYTES];
        new Random(42).nextBytes(body);
        return body;
    }

    private static byte[] wire(byte[] body, boolean chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "PUT /f HTTP/1.1\r\nHost: h\r\n" + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length)
                + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        if (!chunked) {
            out.writeBytes(body);
            return out.toByteArray();
        }
        for (int off = 0; off < body.length; off += 100_000) {
            int n = Math.min(100_000, body.length - off);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A stream that has every byte but never says any is ready (a client whose bytes arrive one read at a time). */
    private static final class NothingReadyInputStream extends ByteArrayInputStream {
        NothingReadyInputStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int available() {
            return 0;
        }
    }
}
