package io.condurejava.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import io.condurejava.http1.HttpHeader;
import io.condurejava.ws.Incoming;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.Ping;
import io.condurejava.zhttp.Pong;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client-mode WebSocket sessions end to end: a JeroMQ initiator drives an in-process condure-java
 * ({@code --zserver-stream}) that connects to {@link TestWsOrigin}s (ws and wss with the test CA)
 * on the loopback interface. Checks the handshake both ways, the ZHTTP message mapping, credits in
 * both directions, the close handshake from either side, rejections and failures.
 */
class WebSocketClientModeTest {
    private static final int BUFFER = 4096;

    private static Path dir;
    private static TestCa ca;
    private static Server server;
    private static Initiator initiator;
    private static TestWsOrigin origin;
    private static TestWsOrigin tlsOrigin;
    private static TestWsOrigin untrustedOrigin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-ws-");
        ca = TestCa.create();
        System.setProperty(ClientTls.CA_FILE_PROPERTY, ca.caCert.toString());
        try {
            CliRequest request = ConfigLoader.load(new String[] {"--zserver-stream=ipc://" + dir.resolve("ws"),
                "--buffer-size=" + BUFFER, "--stream-timeout=10"}, Map.of());
            server = Server.start(((CliRequest.Run) request).settings());
        } finally {
            System.clearProperty(ClientTls.CA_FILE_PROPERTY);
        }
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        origin = new TestWsOrigin(v4, null);
        tlsOrigin = new TestWsOrigin(v4, ca.trustedServer);
        untrustedOrigin = new TestWsOrigin(v4, ca.untrustedServer);
        initiator = new Initiator("ipc://" + dir.resolve("ws"), "condure");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {initiator, server, origin, tlsOrigin, untrustedOrigin}) {
            if (c != null) {
                c.close();
            }
        }
        for (Path p : new Path[] {dir, ca == null ? null : ca.dir}) {
            if (p != null) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    // ---- helpers ----

    private static Data.Builder ws(TestWsOrigin o, String path) {
        return Data.builder().method("GET").uri("ws://127.0.0.1:" + o.port() + path).credits(BUFFER);
    }

    private static WsSession open(Data.Builder request) throws Exception {
        return WsSession.open(initiator, request);
    }

    private static String errorOf(Data.Builder request) throws Exception {
        return WsSession.errorOf(initiator, request);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(Data d) {
        return new String(d.body(), StandardCharsets.UTF_8);
    }

    private static void awaitSessionsGone() {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.liveClientSessions() == 0);
    }

    // ---- tests ----

    @Test
    void handshakeCarriesOurKeyAndTheInitiatorsHeadersAndAnswersWithCredits() throws Exception {
        origin.heads.clear();
        WsSession s = open(ws(origin, "/echo?x=1").headers(List.of(new HttpHeader("Host", "evil.example"),
                new HttpHeader("Sec-WebSocket-Protocol", "chat, superchat"), new HttpHeader("X-Custom", "v1"),
                new HttpHeader("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA=="),
                new HttpHeader("Sec-WebSocket-Extensions", "permessage-deflate"))));
        assertEquals(BUFFER, s.accept.credits(), "the 101 grants the buffer size");
        assertEquals("Switching Protocols", s.accept.reason());
        assertTrue(s.accept.headers().contains(new HttpHeader("Sec-WebSocket-Protocol", "chat")), s.accept.headers().toString());
        assertTrue(s.accept.headers().contains(new HttpHeader("X-Origin", "ws-test")), s.accept.headers().toString());
        String head = origin.heads.poll(5, TimeUnit.SECONDS);
        assertTrue(head.startsWith("GET /echo?x=1 HTTP/1.1\r\n"), head);
        assertEquals("127.0.0.1:" + origin.port(), TestOrigin.header(head, "host"));
        assertEquals("websocket", TestOrigin.header(head, "upgrade"));
        assertEquals("Upgrade", TestOrigin.header(head, "connection"));
        assertEquals("13", TestOrigin.header(head, "sec-websocket-version"));
        assertEquals("chat, superchat", TestOrigin.header(head, "sec-websocket-protocol"));
        assertEquals("v1", TestOrigin.header(head, "x-custom"));
        String key = TestOrigin.header(head, "sec-websocket-key");
        assertEquals(16, Base64.getDecoder().decode(key).length);
        assertNotEquals("AAAAAAAAAAAAAAAAAAAAAA==", key, "the key is ours, fresh");
        assertNull(TestOrigin.header(head, "sec-websocket-extensions"), "no offer without --compression, not even the initiator's");
        assertFalse(head.contains("evil.example"), head);
        s.send(Close.of(1000, "done"));
        assertInstanceOf(Close.class, s.next());
        awaitSessionsGone();
    }

    @Test
    void messagesBothWaysAndCloseHandshakeStartedByTheInitiator() throws Exception {
        origin.closes.clear();
        WsSession s = open(ws(origin, "/echo"));
        s.send(Data.message(Data.CONTENT_TYPE_TEXT, ascii("hello"), false));
        Data echo = s.nextData();
        assertEquals("hello", text(echo));
        assertEquals(Data.CONTENT_TYPE_TEXT, echo.contentType());
        assertFalse(echo.more());
        s.send(Data.message(Data.CONTENT_TYPE_BINARY, new byte[] {1, 2, 3}, false));
        Data binary = s.nextData();
        assertEquals(Data.CONTENT_TYPE_BINARY, binary.contentType());
        assertArrayEquals(new byte[] {1, 2, 3}, binary.body());
        s.send(Data.message(Data.CONTENT_TYPE_TEXT, ascii("frag1-"), true));
        s.send(Data.message(null, ascii("frag2"), false));
        Data first = s.nextData();
        Data second = s.nextData();
        assertEquals("frag1-", text(first));
        assertTrue(first.more(), "a fragmented message keeps more on its first part");
        assertEquals("frag2", text(second));
        assertFalse(second.more());
        s.awaitCredits(BUFFER);
        s.send(Close.of(1000, "bye"));
        Close close = assertInstanceOf(Close.class, s.next());
        assertEquals(1000, close.code());
        assertEquals("bye", close.reasonText());
        assertEquals(new Incoming.Close(1000, ascii("bye")), origin.closes.poll(5, TimeUnit.SECONDS));
        awaitSessionsGone();
        assertNull(s.poll(300), "a completed close handshake ends without cancel");
    }

    @Test
    void pingsAndPongsAreRelayedNotAnswered() throws Exception {
        WsSession s = open(ws(origin, "/echo"));
        s.send(new Ping(ascii("p1"), 0));
        assertArrayEquals(ascii("p1"), assertInstanceOf(Pong.class, s.next()).body(), "the origin's pong");
        s.send(new Pong(ascii("q"), 0));
        assertArrayEquals(ascii("q"), assertInstanceOf(Ping.class, s.next()).body(), "the origin's ping, relayed");
        s.send(new Close(-1, null));
        assertEquals(1000, assertInstanceOf(Close.class, s.next()).code(), "a close without code is written as 1000");
        awaitSessionsGone();
    }

    @Test
    void closeHandshakeStartedByTheOrigin() throws Exception {
        origin.closes.clear();
        WsSession s = open(ws(origin, "/closefirst"));
        assertEquals("bye-soon", text(s.nextData()));
        Close close = assertInstanceOf(Close.class, s.next());
        assertEquals(1001, close.code());
        assertEquals("going", close.reasonText());
        s.send(Close.of(1000, "ok"));
        assertEquals(new Incoming.Close(1000, ascii("ok")), origin.closes.poll(5, TimeUnit.SECONDS));
        awaitSessionsGone();
        assertNull(s.poll(300), "no cancel after a clean close");
    }

    @Test
    void nonSwitchingAnswerIsRejectedWithTheResponse() throws Exception {
        Payload p = WsSession.afterAck(initiator, initiator.start(ws(origin, "/reject").build())).payload();
        ErrorPacket e = assertInstanceOf(ErrorPacket.class, p);
        assertEquals(ErrorPacket.REJECTED, e.condition());
        assertEquals(403, e.code());
        assertEquals("Forbidden", e.reason());
        assertTrue(e.headers().contains(new HttpHeader("X-Reason", "testing")), e.headers().toString());
        assertEquals("go away\n", new String(e.body(), StandardCharsets.US_ASCII));
        awaitSessionsGone();
    }

    @Test
    void failuresBeforeTheHandshakeAreErrorConditions() throws Exception {
        assertEquals("undefined-condition", errorOf(ws(origin, "/badaccept")), "wrong Sec-WebSocket-Accept");
        assertEquals("undefined-condition", errorOf(ws(origin, "/ext")), "extension not offered");
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        assertEquals("remote-connection-failed", errorOf(Data.builder().uri("ws://127.0.0.1:" + port + "/").credits(BUFFER)));
        assertEquals("tls-error", errorOf(Data.builder().uri("wss://127.0.0.1:" + untrustedOrigin.port() + "/echo")
                .credits(BUFFER)));
        awaitSessionsGone();
    }

    @Test
    void originGoneWithoutCloseFrameIsCancel() throws Exception {
        WsSession s = open(ws(origin, "/drop"));
        assertEquals("dropping", text(s.nextData()));
        assertInstanceOf(Cancel.class, s.next());
        awaitSessionsGone();
    }

    @Test
    void originBreakingFrameRulesGetsCloseWithTheCode() throws Exception {
        origin.closes.clear();
        WsSession s = open(ws(origin, "/masked"));
        Close close = assertInstanceOf(Close.class, s.next(), "the initiator is told with a close");
        assertEquals(1002, close.code());
        assertEquals(1002, origin.closes.poll(5, TimeUnit.SECONDS).code(), "the origin got a close frame 1002");
        awaitSessionsGone();
    }

    @Test
    void originIsReadOnlyWithinTheInitiatorsCredits() throws Exception {
        int initial = 250;
        WsSession s = open(ws(origin, "/count").credits(initial));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < initial) {
            got.writeBytes(s.nextData().body());
        }
        assertEquals(initial, got.size());
        assertNull(s.poll(300), "nothing more without credits");
        int total = TestWsOrigin.COUNT_MESSAGES * TestWsOrigin.COUNT_MESSAGE_BYTES;
        s.grant(total - initial);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < TestWsOrigin.COUNT_MESSAGES; i++) {
            expected.append(TestWsOrigin.countMessage(i));
        }
        while (got.size() < total) {
            got.writeBytes(s.nextData().body());
        }
        assertEquals(expected.toString(), got.toString(StandardCharsets.US_ASCII));
        s.grant(total); // consumed: credits back, as an initiator does (without any, the origin's close stays unread)
        s.send(Close.of(1000, null));
        assertInstanceOf(Close.class, s.next());
        awaitSessionsGone();
    }

    @Test
    void largeMessageBothWaysWithinCredits() throws Exception {
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        WsSession s = open(ws(origin, "/echo"));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int sent = 0;
        boolean lastSeen = false;
        while (!lastSeen) {
            if (sent < data.length && s.sendCredits > 0) {
                int n = (int) Math.min(Math.min(s.sendCredits, 3000), data.length - sent);
                s.send(Data.message(Data.CONTENT_TYPE_BINARY, Arrays.copyOfRange(data, sent, sent + n), sent + n < data.length));
                sent += n;
                continue;
            }
            Payload p = s.poll(100);
            if (p instanceof Data d) {
                assertEquals(Data.CONTENT_TYPE_BINARY, d.contentType());
                got.writeBytes(d.body());
                lastSeen = !d.more();
                if (d.body().length > 0) {
                    s.grant(d.body().length);
                }
            } else if (p != null) {
                throw new AssertionError("unexpected " + p);
            }
        }
        assertArrayEquals(data, got.toByteArray());
        s.send(Close.of(1000, null));
        assertInstanceOf(Close.class, s.next());
        awaitSessionsGone();
    }

    @Test
    void initiatorExceedingItsCreditsIsCancelled() throws Exception {
        WsSession s = open(ws(origin, "/echo"));
        s.send(Data.message(Data.CONTENT_TYPE_BINARY, new byte[BUFFER + 1], false));
        assertInstanceOf(Cancel.class, s.next());
        awaitSessionsGone();
    }

    @Test
    void initiatorCancelClosesTheOriginConnection() throws Exception {
        WsSession s = open(ws(origin, "/echo"));
        int closedBefore = origin.connectionsClosed.get();
        s.send(new Cancel());
        await().atMost(Duration.ofSeconds(5)).until(() -> origin.connectionsClosed.get() > closedBefore
                && server.liveClientSessions() == 0);
    }

    @Test
    void wssWithTheTestCa() throws Exception {
        WsSession s = open(Data.builder().uri("wss://localhost:" + tlsOrigin.port() + "/echo").connectHost("127.0.0.1")
                .credits(BUFFER));
        s.send(Data.message(Data.CONTENT_TYPE_TEXT, ascii("secure"), false));
        assertEquals("secure", text(s.nextData()));
        s.send(Close.of(1000, null));
        assertInstanceOf(Close.class, s.next());
        awaitSessionsGone();
    }
}
