package io.condurejava.server;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/1.1 through ZHTTP stream mode with a real JeroMQ handler over real ipc:// Unix sockets. */
class StreamModeTest {
    private ServerFixture fixture;
    private AutoHandler handler;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        handler = new AutoHandler(fixture.base());
    }

    @AfterEach
    void stop() throws Exception {
        handler.close();
        fixture.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + fixture.port() + path);
    }

    @Test
    void getIsAnsweredAndTheHandlerSeesCondureShapedRequest() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/path?x=1")).header("X-Test", "yes").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("hello http://127.0.0.1:" + fixture.port() + "/path?x=1", response.body());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());

        Data request = handler.requests.peek().request();
        assertEquals("GET", request.method());
        assertEquals(8192, request.credits());
        assertTrue(request.stream());
        assertFalse(request.more());
        assertEquals("127.0.0.1", request.peerAddress());
        assertTrue(request.peerPort() > 0);
        assertTrue(request.headers().stream().anyMatch(h -> h.name().equals("X-Test") && h.value().equals("yes")));
    }

    @Test
    void headGetsHeadersWithoutBody() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("HEAD /h HTTP/1.1\r\nHost: example.com\r\n\r\n");
            RawClient.Response response = raw.readResponse(true);
            assertEquals(200, response.status());
            assertEquals(String.valueOf(("hello http://example.com/h").length()), response.header("content-length"));
            // the connection stays usable: no body bytes were written
            raw.send("GET /next HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertEquals("hello http://example.com/next", raw.readResponse().bodyText());
        }
    }

    @Test
    void postOfOneMegabyteIsStreamedWithCredits() throws Exception {
        byte[] body = new byte[1 << 20];
        new Random(7).nextBytes(body);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertEquals("length=" + body.length + " sha256=" + sha, response.body());
        // streamed, never buffered whole: every body message within the handler's 50,000-byte window
        // and the ready-piece limit (pieces grow past --buffer-size only with bytes that already arrived)
        int handlerWindow = 50_000;
        long pieces = handler.all.stream().filter(r -> !r.initial() && r.payload() instanceof Data).count();
        assertTrue(pieces >= body.length / handlerWindow, "body went out in window-sized pieces or smaller, got " + pieces);
        assertTrue(handler.all.stream().filter(r -> r.payload() instanceof Data d && !r.initial())
                .allMatch(r -> ((Data) r.payload()).body().length <= Math.min(handlerWindow, ClientReader.READY_PIECE_BYTES)));
    }

    @Test
    void chunkedRequestBodyIsDechunked() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
            RawClient.Response response = raw.readResponse();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hello, world".getBytes()));
            assertEquals("length=12 sha256=" + sha, response.bodyText());
        }
    }

    @Test
    void streamedResponseIsChunkedAndCreditsFlowBack() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("GET /chunked HTTP/1.1\r\nHost: h\r\n\r\n");
            RawClient.Response response = raw.readResponse();
            assertEquals("chunked", response.header("transfer-encoding"));
            assertEquals("Transfer-Encoding", response.header("connection"));
            assertArrayEquals(AutoHandler.streamedBody(), response.body());
        }
    }

    @Test
    void expectContinueIsAnsweredWhenTheHandlerSpeaks() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawClient.Response interim = raw.readResponse();
            assertEquals(100, interim.status());
            raw.send("abcde");
            RawClient.Response response = raw.readResponse();
            assertEquals(200, response.status());
            assertTrue(response.bodyText().startsWith("length=5 "));
        }
    }

    @Test
    void hundredRequestsOnOneKeepAliveConnection() throws Exception {
        try (RawClient raw = fixture.connect()) {
            for (int i = 0; i < 100; i++) {
                raw.send("GET /k" + i + " HTTP/1.1\r\nHost: h\r\n\r\n");
                assertEquals("hello http://h/k" + i, raw.readResponse().bodyText());
            }
        }
        assertEquals(100, handler.requests.stream().map(AutoHandler.Seen::id).distinct().count(),
                "each request on a persistent connection gets a new id");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("GET /p1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /p2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /p3 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("hello http://h/p1", raw.readResponse().bodyText());
            assertTrue(raw.readResponse().bodyText().startsWith("length=3 "));
            assertEquals("hello http://h/p3", raw.readResponse().bodyText());
        }
    }

    @Test
    void http10WithoutKeepAliveCloses() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("GET /old HTTP/1.0\r\n\r\n");
            RawClient.Response response = raw.readResponse();
            assertEquals("HTTP/1.0", response.version());
            assertEquals("hello http://localhost/old", response.bodyText());
            assertTrue(raw.isClosedByServer());
        }
    }

    @Test
    void http10KeepAliveStaysOpenAndStreamedBodiesEndWithClose() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response first = raw.readResponse();
            assertEquals("keep-alive", first.header("connection"));
            raw.send("GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response streamed = raw.readResponse();
            assertNull(streamed.header("transfer-encoding"), "HTTP/1.0 has no chunked coding");
            assertArrayEquals(AutoHandler.streamedBody(), streamed.body(), "body delimited by the close");
        }
    }

    @Test
    void clientLeavingMidBodyCancelsTheSession() throws Exception {
        try (RawClient raw = fixture.connect()) {
            raw.send("POST /gone HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(20000));
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.all.stream()
                    .anyMatch(r -> !r.initial() && r.payload() instanceof Data));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.cancelled.size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.server().liveSessions() == 0
                && fixture.server().liveConnections() == 0);
    }
}
