package io.condurejava.server.ws;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.WebSocketEchoHandler;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's java.net.http WebSocket client through condure-java to a Java echo handler over ZHTTP. */
class WebSocketJdkClientTest {
    private ServerFixture fixture;
    private WebSocketEchoHandler handler;

    /** Collects whole messages (text as String, binary as byte[]), pongs and the close. */
    static final class Collector implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary = new java.io.ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(message);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(20, TimeUnit.SECONDS);
            assertNotNull(m, "a message within 20 s");
            return m;
        }
    }

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        handler = new WebSocketEchoHandler(fixture.base());
    }

    @AfterEach
    void stop() throws Exception {
        handler.close();
        fixture.awaitNothingLive();
        fixture.close();
    }

    private WebSocket open(String path, Collector collector) {
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("echo")
                .buildAsync(URI.create("ws://127.0.0.1:" + fixture.port() + path), collector).join();
    }

    @Test
    void textBinaryPingAndCloseRoundTrip() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/echo", c);
        assertEquals("echo", ws.getSubprotocol(), "handler headers are relayed in the 101");
        ws.sendText("hello, wörld", true).join();
        assertEquals("hello, wörld", c.next());
        ws.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), true).join();
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, (byte[]) c.next());
        ws.sendPing(ByteBuffer.wrap("p1".getBytes())).join();
        ByteBuffer pong = c.pongs.poll(20, TimeUnit.SECONDS);
        assertEquals("p1", StandardCharsets.UTF_8.decode(pong).toString());
        ws.sendClose(1000, "bye").join();
        assertEquals("1000 bye", c.closed.get(20, TimeUnit.SECONDS));
        // the handler saw each as ZHTTP: ws uri, text and binary content types, ping, close with code and reason
        Data request = (Data) handler.all.peek().payload();
        assertTrue(request.uri().startsWith("ws://127.0.0.1:"), request.uri());
        assertTrue(handler.all.stream().anyMatch(r -> r.payload() instanceof Data d && "binary".equals(d.contentType())));
        assertTrue(handler.all.stream().anyMatch(r -> r.payload() instanceof Close cl && cl.code() == 1000
                && "bye".equals(new String(cl.reason(), StandardCharsets.UTF_8))));
    }

    @Test
    void fragmentedClientMessageArrivesWhole() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/frag", c);
        ws.sendText("frag1-", false).join();
        ws.sendText("frag2-", false).join();
        ws.sendText("frag3", true).join();
        assertEquals("frag1-frag2-frag3", c.next());
        ws.sendClose(1000, "").join();
        c.closed.get(20, TimeUnit.SECONDS);
    }

    @Test
    void sixteenMegabytesBothWays() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/big", c);
        byte[] big = new byte[16 * 1024 * 1024];
        new Random(3).nextBytes(big);
        ws.sendBinary(ByteBuffer.wrap(big), true).join();
        assertArrayEquals(big, (byte[]) c.next());
        ws.sendClose(1000, "").join();
        c.closed.get(20, TimeUnit.SECONDS);
    }

    @Test
    void piecesNeverOutgrowTheWindowOfferedToTheHandler() throws Exception {
        // Condure's window (--buffer-size, 8 KiB): the echo handler answers piece for piece within what the
        // server offered it, so a client piece larger than that window could never be echoed
        handler.close();
        fixture.close();
        fixture = ServerFixture.start("--websocket-window=0");
        handler = new WebSocketEchoHandler(fixture.base());
        Collector c = new Collector();
        WebSocket ws = open("/window", c);
        byte[] big = new byte[2 * 1024 * 1024];
        new Random(5).nextBytes(big);
        ws.sendBinary(ByteBuffer.wrap(big), true).join();
        assertArrayEquals(big, (byte[]) c.next());
        assertTrue(handler.all.stream().filter(r -> !r.initial() && r.payload() instanceof Data)
                .allMatch(r -> ((Data) r.payload()).body().length <= 8192), "every piece within the 8 KiB window");
        ws.sendClose(1000, "").join();
        c.closed.get(20, TimeUnit.SECONDS);
    }

    @Test
    void hundredThousandSmallMessagesInOrder() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/many", c);
        int count = 100_000;
        for (int i = 0; i < count; i++) {
            ws.sendText("m" + i, true).join();
        }
        List<Object> got = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            got.add(c.next());
        }
        for (int i = 0; i < count; i++) {
            assertEquals("m" + i, got.get(i));
        }
        ws.sendClose(1000, "").join();
        c.closed.get(20, TimeUnit.SECONDS);
    }

    @Test
    void handlerClosesFirstAndTheClientsCloseReachesIt() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("/close-first", c);
        assertEquals("4000 handler says bye", c.closed.get(20, TimeUnit.SECONDS));
        // the JDK client answers a close by closing too (with the received code); it reaches the handler
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.all.stream()
                .anyMatch(r -> r.payload() instanceof Close cl && !r.initial()));
        assertTrue(ws.isOutputClosed());
    }

    @Test
    void rejectionIsRelayedAsHttpResponse() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("GET /reject HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawClient.Response response = raw.readResponse();
            assertEquals(403, response.status());
            assertEquals("go away\n", response.bodyText());
            assertTrue(raw.isClosedByServer());
        }
    }

    @Test
    void clientVanishingWithoutCloseCancelsTheSession() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("GET /vanish HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawClient.Response response = raw.readResponseHeadOnly();
            assertEquals(101, response.status());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.cancelled.size() == 1);
    }
}
