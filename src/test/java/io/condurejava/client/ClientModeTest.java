package io.condurejava.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.ZhttpPacket;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client mode end to end: a JeroMQ initiator drives an in-process condure-java started with only
 * {@code --zserver-stream} against origins on the loopback interface started by the test.
 */
class ClientModeTest {
    private static final int TWENTY_MB = 20 * 1024 * 1024;
    private static final int BUFFER = 65536;
    private static final int DOWNLOAD_WINDOW = 4 * BUFFER;
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    private static Path dir;
    private static TestCa ca;
    private static Server plain;
    private static Server denying;
    private static Initiator initiator;
    private static Initiator denyInitiator;
    private static TestOrigin origin;
    private static TestOrigin tlsOrigin;
    private static TestOrigin untrustedOrigin;
    private static TestOrigin v6Origin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-client-");
        ca = TestCa.create();
        System.setProperty(ClientTls.CA_FILE_PROPERTY, ca.caCert.toString());
        try {
            plain = server("--zserver-stream=ipc://" + dir.resolve("cm"), "--stream-timeout=2", "--buffer-size=" + BUFFER);
            denying = server("--zserver-stream=ipc://" + dir.resolve("deny"), "--deny-out-internal", "--buffer-size=" + BUFFER);
        } finally {
            System.clearProperty(ClientTls.CA_FILE_PROPERTY);
        }
        origin = new TestOrigin(InetAddress.getByName("127.0.0.1"), null);
        tlsOrigin = new TestOrigin(InetAddress.getByName("127.0.0.1"), ca.trustedServer);
        untrustedOrigin = new TestOrigin(InetAddress.getByName("127.0.0.1"), ca.untrustedServer);
        v6Origin = new TestOrigin(InetAddress.getByName("::1"), null);
        initiator = new Initiator("ipc://" + dir.resolve("cm"), "condure");
        denyInitiator = new Initiator("ipc://" + dir.resolve("deny"), "condure");
    }

    private static Server server(String... flags) throws Exception {
        CliRequest request = ConfigLoader.load(flags, Map.of());
        return Server.start(((CliRequest.Run) request).settings());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {initiator, denyInitiator, plain, denying, origin, tlsOrigin,
            untrustedOrigin, v6Origin}) {
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

    private static Data.Builder get(String uri) {
        return Data.builder().method("GET").uri(uri).credits(BUFFER).stream(true);
    }

    private static String url(TestOrigin o, String path) {
        return "http://127.0.0.1:" + o.port() + path;
    }

    /** A finished response as the initiator saw it. */
    private record Response(Data start, byte[] body, long maxOutstanding) {
        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** Expects the keep-alive ack (seq 0) and returns the next packet. */
    private static ZhttpPacket afterAck(Initiator i, String id) throws Exception {
        ZhttpPacket ack = i.next(id);
        assertInstanceOf(KeepAlive.class, ack.payload(), "first reply is the keep-alive ack");
        assertEquals(0, ack.firstSeq());
        assertEquals("condure", ack.from());
        return i.next(id);
    }

    /**
     * Reads a response, granting back each piece's size as credit after it arrives; asserts that the
     * server never sent more body than granted (initial {@code credits} of the request plus grants).
     */
    private static Response read(Initiator i, String id, long initialCredits) throws Exception {
        Data start = (Data) afterAck(i, id).payload();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start.body());
        long granted = initialCredits;
        long maxOutstanding = 0;
        boolean more = start.more();
        while (more) {
            ZhttpPacket p = i.next(id);
            if (!(p.payload() instanceof Data d)) {
                throw new AssertionError("expected body data, got " + p.payload());
            }
            body.writeBytes(d.body());
            assertTrue(body.size() <= granted, "received " + body.size() + " bytes with " + granted + " credits");
            maxOutstanding = Math.max(maxOutstanding, granted - body.size());
            more = d.more();
            if (more && d.body().length > 0) {
                i.send(id, new Credit(d.body().length));
                granted += d.body().length;
            }
        }
        return new Response(start, body.toByteArray(), maxOutstanding);
    }

    private static String errorOf(Initiator i, String id) throws Exception {
        ZhttpPacket p = afterAck(i, id);
        return assertInstanceOf(ErrorPacket.class, p.payload(), "expected an error, got " + p.payload()).condition();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    // ---- tests ----

    @Test
    void getWithFixedLengthBody() throws Exception {
        Response r = read(initiator, initiator.start(get(url(origin, "/hello")).build()), BUFFER);
        assertEquals(200, r.start().code());
        assertEquals("OK", r.start().reason());
        assertTrue(r.start().headers().contains(new HttpHeader("Content-Type", "text/plain")));
        assertEquals(TestOrigin.HELLO, r.text());
        await().atMost(Duration.ofSeconds(5)).until(() -> plain.liveClientSessions() == 0);
    }

    @Test
    void requestHeadSentToTheOrigin() throws Exception {
        String id = initiator.start(get(url(origin, "/echo?q=1")).headers(List.of(new HttpHeader("Host", "evil.example"),
                new HttpHeader("X-Custom", "v1"), new HttpHeader("Connection", "upgrade"))).build());
        String head = read(initiator, id, BUFFER).text();
        assertTrue(head.startsWith("GET /echo?q=1 HTTP/1.1\r\n"), head);
        assertEquals("127.0.0.1:" + origin.port(), TestOrigin.header(head, "host"), "Host comes from the URI");
        assertEquals("v1", TestOrigin.header(head, "x-custom"));
        assertFalse(head.contains("evil.example"), head);
        assertNull(TestOrigin.header(head, "content-length"), "a GET without body has no framing");
        assertNull(TestOrigin.header(head, "connection"), "the initiator's hop-by-hop Connection is dropped");
    }

    @Test
    void connectHostAndPortOverrideWhereWeDial() throws Exception {
        String id = initiator.start(get("http://origin.invalid/echo").connectHost("127.0.0.1")
                .connectPort(origin.port()).build());
        String head = read(initiator, id, BUFFER).text();
        assertEquals("origin.invalid", TestOrigin.header(head, "host"));
    }

    @Test
    void chunkedResponseIsDechunked() throws Exception {
        Response r = read(initiator, initiator.start(get(url(origin, "/chunked")).build()), BUFFER);
        assertEquals("first-second-third", r.text());
    }

    @Test
    void slowOriginIsStreamed() throws Exception {
        String id = initiator.start(get(url(origin, "/slow")).build());
        Data start = (Data) afterAck(initiator, id).payload();
        StringBuilder seen = new StringBuilder(new String(start.body(), StandardCharsets.US_ASCII));
        boolean more = start.more();
        for (int piece = 0; piece < 5; piece++) {
            origin.slowPieces.release(); // the origin writes piece `piece` only now...
            while (!seen.toString().contains("sl" + piece + "\n")) { // ...and it reaches the handler before the next exists
                Data d = assertInstanceOf(Data.class, initiator.next(id).payload());
                seen.append(new String(d.body(), StandardCharsets.US_ASCII));
                more = d.more();
                if (d.body().length > 0) {
                    initiator.send(id, new Credit(d.body().length));
                }
            }
        }
        while (more) {
            Data d = assertInstanceOf(Data.class, initiator.next(id).payload());
            seen.append(new String(d.body(), StandardCharsets.US_ASCII));
            more = d.more();
        }
        assertEquals("sl0\nsl1\nsl2\nsl3\nsl4\n", seen.toString());
    }

    @Test
    void download20MbWithinCredits() throws Exception {
        Response r = read(initiator, initiator.start(get(url(origin, "/download/" + TWENTY_MB))
                .credits(DOWNLOAD_WINDOW).build()), DOWNLOAD_WINDOW);
        assertEquals(TWENTY_MB, r.body().length);
        assertEquals(sha256(TestOrigin.content(TWENTY_MB)), sha256(r.body()));
    }

    @Test
    void responseIsNotReadFasterThanCreditsAllow() throws Exception {
        int credits = 1000;
        String id = initiator.start(get(url(origin, "/download/100000")).credits(credits).build());
        Data start = (Data) afterAck(initiator, id).payload();
        assertTrue(start.more());
        long got = 0;
        ZhttpPacket p;
        while (got < credits) {
            p = initiator.next(id);
            got += ((Data) p.payload()).body().length;
        }
        assertEquals(credits, got);
        assertNull(initiator.poll(id, 300), "nothing more without credits");
        initiator.send(id, new Credit(500));
        assertEquals(500, ((Data) initiator.next(id).payload()).body().length);
        assertNull(initiator.poll(id, 200), "again nothing more without credits");
        initiator.send(id, new Cancel());
        await().atMost(Duration.ofSeconds(5)).until(() -> plain.liveClientSessions() == 0);
    }

    @Test
    void upload20MbChunkedAndWithContentLength() throws Exception {
        byte[] data = TestOrigin.content(TWENTY_MB);
        assertEquals(sha256(data) + " " + TWENTY_MB + " chunked", upload(data, List.of()));
        assertEquals(sha256(data) + " " + TWENTY_MB + " length",
                upload(data, List.of(new HttpHeader("Content-Length", String.valueOf(TWENTY_MB)))));
    }

    /** Streams {@code data} as the request body within the credits the server grants; returns the origin's answer. */
    private static String upload(byte[] data, List<HttpHeader> headers) throws Exception {
        int firstPiece = 1000;
        String id = initiator.start(Data.builder().method("POST").uri(url(origin, "/upload")).headers(headers)
                .body(java.util.Arrays.copyOf(data, firstPiece)).more(true).credits(BUFFER).stream(true).build());
        ZhttpPacket p = afterAck(initiator, id);
        long credits = assertInstanceOf(Credit.class, p.payload()).credits();
        assertEquals(BUFFER, credits, "initial request-body grant is the buffer size");
        int sent = firstPiece;
        while (sent < data.length) {
            while (credits == 0) {
                credits += assertInstanceOf(Credit.class, initiator.next(id).payload()).credits();
            }
            int n = (int) Math.min(credits, data.length - sent);
            initiator.send(id, Data.body(java.util.Arrays.copyOfRange(data, sent, sent + n), sent + n < data.length));
            sent += n;
            credits -= n;
        }
        ZhttpPacket next;
        do {
            next = initiator.next(id);
        } while (next.payload() instanceof Credit);
        Data start = assertInstanceOf(Data.class, next.payload());
        assertEquals(201, start.code());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start.body());
        boolean more = start.more();
        while (more) {
            Data d = (Data) initiator.next(id).payload();
            body.writeBytes(d.body());
            more = d.more();
        }
        return body.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void refusedPortIsRemoteConnectionFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, V4)) {
            port = s.getLocalPort();
        }
        assertEquals("remote-connection-failed",
                errorOf(initiator, initiator.start(get("http://127.0.0.1:" + port + "/").build())));
    }

    @Test
    void silentOriginIsConnectionTimeout() throws Exception {
        assertEquals("connection-timeout", errorOf(initiator, initiator.start(get(url(origin, "/silent")).build())));
    }

    @Test
    void unsupportedSchemeIsBadRequest() throws Exception {
        assertEquals("bad-request", errorOf(initiator, initiator.start(get("ftp://127.0.0.1/x").build())));
    }

    @Test
    void httpsWithTrustedCaByNameAndByAddress() throws Exception {
        Response byName = read(initiator, initiator.start(get("https://localhost:" + tlsOrigin.port() + "/hello")
                .connectHost("127.0.0.1").build()), BUFFER);
        assertEquals(TestOrigin.HELLO, byName.text());
        Response byAddress = read(initiator, initiator.start(get("https://127.0.0.1:" + tlsOrigin.port() + "/echo")
                .build()), BUFFER);
        assertEquals("127.0.0.1:" + tlsOrigin.port(), TestOrigin.header(byAddress.text(), "host"));
    }

    @Test
    void tlsErrors() throws Exception {
        assertEquals("tls-error", errorOf(initiator, initiator.start(get("https://127.0.0.1:" + untrustedOrigin.port()
                + "/hello").build())), "untrusted certificate");
        assertEquals("tls-error", errorOf(initiator, initiator.start(get("https://127.0.0.1:" + origin.port()
                + "/hello").build())), "plain HTTP port");
        assertEquals("tls-error", errorOf(initiator, initiator.start(get("https://wrong.example:" + tlsOrigin.port()
                + "/hello").connectHost("127.0.0.1").build())), "name not in the certificate");
    }

    @Test
    void ignoreTlsErrorsAcceptsAnyCertificate() throws Exception {
        Response r = read(initiator, initiator.start(get("https://127.0.0.1:" + untrustedOrigin.port() + "/hello")
                .ignoreTlsErrors(true).build()), BUFFER);
        assertEquals(TestOrigin.HELLO, r.text());
    }

    @Test
    void denyOutInternalRefusesLoopbackUnlessIgnorePolicies() throws Exception {
        int acceptedBefore = origin.accepted.get() + v6Origin.accepted.get();
        assertEquals("policy-violation", errorOf(denyInitiator, denyInitiator.start(get(url(origin, "/hello")).build())));
        assertEquals("policy-violation", errorOf(denyInitiator,
                denyInitiator.start(get("http://[::1]:" + v6Origin.port() + "/hello").build())));
        assertEquals("policy-violation", errorOf(denyInitiator,
                denyInitiator.start(get("http://localhost:" + origin.port() + "/hello").build())));
        assertEquals("policy-violation", errorOf(denyInitiator, denyInitiator.start(get("http://public.example/hello")
                .connectHost("127.0.0.1").connectPort(origin.port()).build())), "connect-host is checked too");
        assertEquals(acceptedBefore, origin.accepted.get() + v6Origin.accepted.get(), "no connection was made");
        assertEquals(TestOrigin.HELLO, read(denyInitiator, denyInitiator.start(get(url(origin, "/hello"))
                .ignorePolicies(true).build()), BUFFER).text());
        assertEquals(TestOrigin.HELLO, read(denyInitiator, denyInitiator.start(get("http://[::1]:" + v6Origin.port()
                + "/hello").ignorePolicies(true).build()), BUFFER).text());
    }

    @Test
    void originDroppingMidResponseIsCancel() throws Exception {
        String id = initiator.start(get(url(origin, "/drop")).credits(1_000_000).build());
        Data start = (Data) afterAck(initiator, id).payload();
        assertEquals(200, start.code());
        List<Object> rest = new ArrayList<>();
        ZhttpPacket p;
        do {
            p = initiator.next(id);
            rest.add(p.payload());
        } while (p.payload() instanceof Data d && d.more());
        assertInstanceOf(Cancel.class, rest.get(rest.size() - 1), rest.toString());
    }

    @Test
    void initiatorCancelClosesTheOriginConnection() throws Exception {
        int closedBefore = origin.connectionsClosed.get();
        String id = initiator.start(get(url(origin, "/download/1000000")).credits(10).build());
        afterAck(initiator, id);
        initiator.send(id, new Cancel());
        await().atMost(Duration.ofSeconds(5)).until(() -> origin.connectionsClosed.get() > closedBefore
                && plain.liveClientSessions() == 0);
    }
}
