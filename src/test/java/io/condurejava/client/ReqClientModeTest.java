package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.IdSeq;
import io.condurejava.zhttp.ZhttpPacket;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client req mode ({@code --zserver-req}) end to end: a JeroMQ DEALER initiator sends whole requests
 * as {@code ["", T<dict>]} to an in-process condure-java started with only {@code --zserver-req};
 * each answer comes back whole in one message on the same socket, failures as {@code error}.
 */
class ReqClientModeTest {
    private static final int BODY_LIMIT = 100_000;

    private static Path dir;
    private static Server server;
    private static TestOrigin origin;
    private static ReqInitiator initiator;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-req-");
        String spec = "ipc://" + dir.resolve("req");
        CliRequest request = ConfigLoader.load(new String[] {"--zserver-req=" + spec, "--stream-timeout=2",
            "--body-buffer-size=" + BODY_LIMIT}, Map.of());
        server = Server.start(((CliRequest.Run) request).settings());
        origin = new TestOrigin(InetAddress.getByName("127.0.0.1"), null);
        initiator = new ReqInitiator(spec);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {initiator, server, origin}) {
            if (c != null) {
                c.close();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String send(Data request) {
        return initiator.send(request);
    }

    private static ZhttpPacket receive() throws Exception {
        return initiator.receive();
    }

    private static ZhttpPacket roundTrip(Data request) throws Exception {
        return initiator.roundTrip(request);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + origin.port() + path;
    }

    private static String errorOf(Data request) throws Exception {
        return assertInstanceOf(ErrorPacket.class, roundTrip(request).payload()).condition();
    }

    @Test
    void wholeResponseInOneMessage() throws Exception {
        ZhttpPacket reply = roundTrip(Data.builder().method("GET").uri(url("/hello")).build());
        assertEquals("condure", reply.from());
        assertEquals(IdSeq.NO_SEQ, reply.firstSeq(), "req-mode replies carry no seq");
        assertFalse(reply.multi(), "req-mode replies carry no ext.multi");
        Data d = assertInstanceOf(Data.class, reply.payload());
        assertEquals(200, d.code());
        assertEquals("OK", d.reason());
        assertTrue(d.headers().contains(new HttpHeader("Content-Type", "text/plain")));
        assertEquals(TestOrigin.HELLO, new String(d.body(), StandardCharsets.US_ASCII));
        assertFalse(d.more());
        assertEquals(0, d.credits());
    }

    @Test
    void chunkedResponseIsDechunkedAndRequestBodyIsSent() throws Exception {
        Data chunked = assertInstanceOf(Data.class, roundTrip(Data.builder().method("GET").uri(url("/chunked")).build())
                .payload());
        assertEquals("first-second-third", new String(chunked.body(), StandardCharsets.US_ASCII));
        byte[] body = TestOrigin.content(50_000);
        Data upload = assertInstanceOf(Data.class, roundTrip(Data.builder().method("POST").uri(url("/upload"))
                .body(body).more(true).build()).payload());
        assertEquals(201, upload.code());
        assertEquals(TestOrigin.sha256(body) + " 50000 length", new String(upload.body(), StandardCharsets.US_ASCII),
                "the whole body with a Content-Length, more is ignored");
    }

    @Test
    void responseLargerThanTheBodyBufferIsAnError() throws Exception {
        byte[] exact = assertInstanceOf(Data.class, roundTrip(Data.builder().method("GET")
                .uri(url("/download/" + BODY_LIMIT)).build()).payload()).body();
        assertArrayEquals(TestOrigin.content(BODY_LIMIT), exact);
        assertEquals("max-size-exceeded", errorOf(Data.builder().method("GET").uri(url("/download/" + (BODY_LIMIT + 1)))
                .build()));
    }

    @Test
    void failuresAreErrorConditions() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        assertEquals("remote-connection-failed", errorOf(Data.builder().method("GET").uri("http://127.0.0.1:" + port + "/")
                .build()));
        assertEquals("bad-request", errorOf(Data.builder().method("GET").uri("ws://127.0.0.1:" + port + "/").build()),
                "no WebSocket in req mode");
        assertEquals("bad-request", errorOf(Data.builder().method("GET").uri("ftp://127.0.0.1/").build()));
        assertEquals("connection-timeout", errorOf(Data.builder().method("GET").uri(url("/silent")).build()));
    }

    @Test
    void concurrentRequestsAreMatchedById() throws Exception {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            expected.put(send(Data.builder().method("GET").uri(url("/echo?n=" + i)).build()), "/echo?n=" + i);
        }
        for (int i = 0; i < 8; i++) {
            ZhttpPacket reply = receive();
            String head = new String(assertInstanceOf(Data.class, reply.payload()).body(), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("GET " + expected.remove(reply.firstId()) + " HTTP/1.1\r\n"), head);
        }
        assertTrue(expected.isEmpty());
    }
}
