package io.condurejava.ws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MessageReader#next(int, int)}: a piece waits for at most {@code blockingPartBytes} and grows to
 * {@code maxPartBytes} only with bytes that have already arrived.
 */
class ReadyPieceTest {
    private static final int BLOCKING = 8192;
    private static final int MAX = 65536;

    @Test
    void aFrameThatHasAlreadyArrivedIsReadInMaximalPieces() throws IOException {
        byte[] message = message(200_000);
        List<Incoming.DataPart> parts = readAll(new ByteArrayInputStream(frames(message)));
        assertArrayEquals(message, concat(parts));
        assertEquals(MAX, parts.get(0).data().length);
        assertTrue(parts.stream().allMatch(p -> p.data().length <= MAX));
        assertTrue(parts.get(parts.size() - 1).last());
    }

    @Test
    void aFrameStillArrivingIsReadInPiecesOfAtMostTheBlockingSize() throws IOException {
        byte[] message = message(200_000);
        ByteArrayInputStream nothingReady = new ByteArrayInputStream(frames(message)) {
            @Override
            public synchronized int available() {
                return 0;
            }
        };
        List<Incoming.DataPart> parts = readAll(nothingReady);
        assertArrayEquals(message, concat(parts));
        // the first piece is what the frame reader buffered with the header (already arrived); after that
        // nothing is ready, so no piece is larger than what one blocking read may wait for
        assertTrue(parts.get(0).data().length <= FrameReader.READ_BUFFER_BYTES);
        assertTrue(parts.stream().skip(1).allMatch(p -> p.data().length <= BLOCKING), "no piece waits for more than the blocking size");
    }

    @Test
    void smallMessagesAreUnaffected() throws IOException {
        byte[] message = message(1000);
        List<Incoming.DataPart> parts = readAll(new ByteArrayInputStream(frames(message)));
        assertEquals(1, parts.size());
        assertArrayEquals(message, parts.get(0).data());
    }

    private static List<Incoming.DataPart> readAll(ByteArrayInputStream in) throws IOException {
        MessageReader reader = new MessageReader(in, Role.SERVER, MessageReader.UNLIMITED_MESSAGE_BYTES, null);
        List<Incoming.DataPart> parts = new ArrayList<>();
        for (Incoming e; (e = reader.next(MAX, BLOCKING)) != null; ) {
            parts.add((Incoming.DataPart) e);
        }
        return parts;
    }

    private static byte[] message(int size) {
        byte[] message = new byte[size];
        new Random(size).nextBytes(message);
        return message;
    }

    private static byte[] frames(byte[] message) {
        return new RawFrames().frame(true, 0, Opcode.BINARY, message).bytes();
    }

    private static byte[] concat(List<Incoming.DataPart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(p -> out.writeBytes(p.data()));
        return out.toByteArray();
    }
}
