package io.condurejava.server.ws;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.Payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One upgraded connection seen from both ends: raw frames written by a {@link RawClient}, the server's
 * frames read back, and the ZHTTP packets of this session as the {@link TestHandler} receives them.
 * Test thread only.
 */
final class RawWebSocket implements AutoCloseable {
    /** A frame the server wrote. */
    record ServerFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : -1;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** How long to wait for a server frame or the end of the connection (loopback: milliseconds are normal). */
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final RawClient raw;
    private final TestHandler handler;
    private final String id;
    private final RawClient.Response accept;
    /** Every packet of this session the handler received after the initial request, in order. */
    final List<Payload> seenByHandler = new ArrayList<>();

    private RawWebSocket(RawClient raw, TestHandler handler, String id, RawClient.Response accept) {
        this.raw = raw;
        this.handler = handler;
        this.id = id;
        this.accept = accept;
    }

    static RawWebSocket open(ServerFixture fixture, TestHandler handler, String path, String extraHeaders) throws Exception {
        return upgrade(fixture.connect(), handler, path, extraHeaders, () -> { });
    }

    /**
     * Upgrades {@code raw} (a new connection, or one that has made requests already) to {@code path};
     * {@code beforeAccept} runs once the handler has the request and before it accepts. Closes {@code raw}
     * when the upgrade fails.
     */
    static RawWebSocket upgrade(RawClient raw, TestHandler handler, String path, String extraHeaders,
                                Runnable beforeAccept) throws Exception {
        try {
            raw.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
            raw.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
            TestHandler.Received request;
            do { // skip late packets of earlier sessions
                request = handler.expect(RawWebSocketHarness.WAIT);
            } while (!(request.initial() && request.payload() instanceof Data d && d.uri().endsWith(path)));
            beforeAccept.run();
            handler.send(request.id(), Data.builder().code(101).reason("Switching Protocols")
                    .credits(RawWebSocketHarness.HANDLER_CREDITS).build());
            // the server writes nothing after the 101 until the client sends: the RawClient's buffer
            // holds no frame bytes once the head is read, so frames can be read from the socket itself
            RawClient.Response response = raw.readResponseHeadOnly();
            assertEquals(101, response.status(), "the upgrade is accepted");
            return new RawWebSocket(raw, handler, request.id(), response);
        } catch (Exception | Error e) {
            raw.close();
            throw e;
        }
    }

    String id() {
        return id;
    }

    RawClient.Response acceptResponse() {
        return accept;
    }

    /** Writes the frames in one TCP write. */
    RawWebSocket send(byte[]... frames) throws IOException {
        raw.send(ClientFrames.concat(frames));
        return this;
    }

    /** The next frame the server wrote; null when the connection ended (EOF or reset) at a frame boundary. */
    ServerFrame readFrame() throws IOException {
        InputStream in = raw.socket().getInputStream();
        int b0;
        try {
            b0 = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame and no close from the server within the socket timeout", e);
        } catch (IOException e) {
            return null; // reset
        }
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte(in);
        long length = b1 & 0x7F;
        if (length == 126) {
            length = readByte(in) << 8 | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | readByte(in);
            }
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new AssertionError("connection ended inside a server frame");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new ServerFrame((b0 & 0x80) != 0, b0 >>> 4 & 7, b0 & 0xF, mask != null, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new AssertionError("connection ended inside a server frame header");
        }
        return b;
    }

    /** Reads the server's close frame (unmasked, final, no RSV) and asserts its code. */
    ServerFrame expectCloseFrame(int code) throws IOException {
        ServerFrame frame = readFrame();
        assertNotNull(frame, "the server sends a close frame before closing the connection");
        assertEquals(ClientFrames.CLOSE, frame.opcode(), "the server's frame is a close frame");
        assertTrue(frame.fin() && frame.rsv() == 0 && !frame.masked(), "a well-formed server control frame");
        assertEquals(code, frame.closeCode(), "close code (reason: " + frame.closeReason() + ")");
        return frame;
    }

    /** Asserts the server ends the TCP connection now (EOF or reset), with no byte after what was read. */
    void expectConnectionClosed() throws IOException {
        InputStream in = raw.socket().getInputStream();
        try {
            int b = in.read();
            assertEquals(-1, b, "nothing follows the close frame; the connection ends");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open after its close frame", e);
        } catch (IOException e) {
            // connection reset: closed as well
        }
    }

    /** Drops whatever the server still sends until it ends the TCP connection; fails if it stays open (15 s). */
    void awaitConnectionEnd() throws IOException {
        InputStream in = raw.socket().getInputStream();
        try {
            while (in.read() != -1) {
                // a close frame may come first
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (IOException e) {
            // connection reset: ended as well
        }
    }

    /**
     * The whole failure path for a client that broke a rule: the server's close frame carries
     * {@code code}, the TCP connection ends, and the handler gets a {@code close} with that code
     * (and no {@code cancel} before it).
     */
    void expectFailure(int code) throws IOException {
        expectCloseFrame(code);
        expectConnectionClosed();
        Close close = expectHandler(Close.class);
        assertEquals(code, close.code(), "the handler is told the close code: " + close);
    }

    /** Packets of this session until one of {@code type}; fails on a {@code cancel} or after {@link RawWebSocketHarness#WAIT}. */
    <T extends Payload> T expectHandler(Class<T> type) {
        long deadline = System.nanoTime() + RawWebSocketHarness.WAIT.toNanos();
        while (true) {
            Payload p = nextHandlerPacket(deadline, type.getSimpleName());
            if (type.isInstance(p)) {
                return type.cast(p);
            }
            if (p instanceof Cancel) {
                fail("handler got cancel while waiting for " + type.getSimpleName() + "; saw " + seenByHandler);
            }
        }
    }

    /** Collects the data pieces of the next message at the handler (other packets are kept in {@link #seenByHandler}). */
    byte[] expectHandlerMessage() {
        long deadline = System.nanoTime() + RawWebSocketHarness.WAIT.toNanos();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Payload p = nextHandlerPacket(deadline, "a whole data message");
            if (p instanceof Data d) {
                message.writeBytes(d.body());
                if (!d.more()) {
                    return message.toByteArray();
                }
            } else if (p instanceof Cancel || p instanceof Close) {
                fail("handler got " + p + " before the message ended; saw " + seenByHandler);
            }
        }
    }

    /** The body of the next data piece at the handler (a fragment of a message still open). */
    byte[] expectHandlerMessagePiece() {
        return expectHandler(Data.class).body();
    }

    private Payload nextHandlerPacket(long deadline, String what) {
        while (true) {
            long left = deadline - System.nanoTime();
            TestHandler.Received r = left > 0 ? handler.receive(Duration.ofNanos(left)) : null;
            if (r == null) {
                throw new AssertionError("handler: no " + what + " within " + RawWebSocketHarness.WAIT
                        + "; saw " + seenByHandler);
            }
            if (!r.initial() && id.equals(r.id())) {
                seenByHandler.add(r.payload());
                return r.payload();
            }
        }
    }

    /** The handler sends a packet for this session (after its accept). */
    void handlerSends(Payload payload) {
        handler.send(id, payload);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
