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
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.ErrorPacket;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.Payload;
import io.condurejava.zhttp.ZhttpPacket;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code follow-redirects} and the req-mode response limit end to end: JeroMQ initiators drive an
 * in-process condure-java started with {@code --zserver-stream} and {@code --zserver-req} against
 * loopback origins; the final origin's {@code /inspect} reports the method, body hash and fields it got.
 */
class RedirectClientModeTest {
    private static final int BUFFER = 65536;
    private static final int BODY_LIMIT = 50_000;
    private static final String EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static Path dir;
    private static Server server;
    private static TestOrigin first;
    private static TestOrigin second;
    private static KeepAliveOrigin keepAlive;
    private static Initiator initiator;
    private static ReqInitiator reqInitiator;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-redirect-");
        CliRequest request = ConfigLoader.load(new String[] {"--zserver-stream=ipc://" + dir.resolve("s"),
            "--zserver-req=ipc://" + dir.resolve("req"), "--stream-timeout=5", "--buffer-size=" + BUFFER,
            "--body-buffer-size=" + BODY_LIMIT}, Map.of());
        server = Server.start(((CliRequest.Run) request).settings());
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        first = new TestOrigin(v4, null);
        second = new TestOrigin(v4, null);
        keepAlive = new KeepAliveOrigin(v4, null);
        initiator = new Initiator("ipc://" + dir.resolve("s"), "condure");
        reqInitiator = new ReqInitiator("ipc://" + dir.resolve("req"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {initiator, reqInitiator, server, first, second, keepAlive}) {
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

    // ---- helpers ----

    private static String url(TestOrigin o, String path) {
        return "http://127.0.0.1:" + o.port() + path;
    }

    private static Data.Builder follow(String method, String uri) {
        return Data.builder().method(method).uri(uri).credits(BUFFER).stream(true).followRedirects(true);
    }

    /** The response start after the keep-alive ack (and any request-body credits). */
    private static Payload startOf(String id) throws Exception {
        assertInstanceOf(KeepAlive.class, initiator.next(id).payload(), "the ack comes first");
        Payload p;
        do {
            p = initiator.next(id).payload();
        } while (p instanceof Credit);
        return p;
    }

    /** A whole stream-mode response (within the initial credits): its start and body text. */
    private record Response(Data start, String body) {}

    private static Response stream(Data request) throws Exception {
        String id = initiator.start(request);
        Payload p = startOf(id);
        Data start = assertInstanceOf(Data.class, p, "expected a response, got " + p);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start.body());
        boolean more = start.more();
        while (more) {
            Data d = assertInstanceOf(Data.class, initiator.next(id).payload());
            body.writeBytes(d.body());
            more = d.more();
        }
        return new Response(start, body.toString(StandardCharsets.ISO_8859_1));
    }

    private static String streamError(Data request) throws Exception {
        Payload p = startOf(initiator.start(request));
        return assertInstanceOf(ErrorPacket.class, p, "expected an error, got " + p).condition();
    }

    private static Payload req(Data request) throws Exception {
        return reqInitiator.roundTrip(request).payload();
    }

    private static String inspected(String method, byte[] body, String rest) throws Exception {
        return method + " " + TestOrigin.sha256(body) + " " + body.length + " " + rest;
    }

    // ---- stream mode ----

    @Test
    void chainOf301Relative302Absolute307IsFollowedAcrossOrigins() throws Exception {
        String target = url(first, "/to/301?/to/302?" + url(second, "/to/307?/inspect"));
        Response r = stream(follow("GET", target).headers(List.of(new HttpHeader("Authorization", "Bearer secret")))
                .build());
        assertEquals(200, r.start().code());
        assertEquals("GET " + EMPTY_SHA + " 0 ct=- cl=- te=- host=127.0.0.1:" + second.port() + " auth=- cookie=-",
                r.body(), "Host from the last URL; credentials not carried to another origin");
    }

    @Test
    void postBodyKeptThrough307And308() throws Exception {
        byte[] body = TestOrigin.content(10_000);
        String target = url(first, "/to/307?" + url(first, "/to/308?/inspect"));
        Response r = stream(follow("POST", target).body(body).headers(List.of(new HttpHeader("Content-Type", "x/y"),
                new HttpHeader("Authorization", "Bearer same-origin"))).build());
        assertEquals(inspected("POST", body, "ct=x/y cl=10000 te=- host=127.0.0.1:" + first.port()
                + " auth=Bearer same-origin cookie=-"), r.body());
    }

    @Test
    void postBecomesGetWithoutBodyAfter303And301() throws Exception {
        for (String code : new String[] {"303", "301"}) {
            Response r = stream(follow("POST", url(first, "/to/" + code + "?/inspect")).body(TestOrigin.content(5000))
                    .headers(List.of(new HttpHeader("Content-Type", "x/y"), new HttpHeader("Content-Length", "5000")))
                    .build());
            assertEquals("GET " + EMPTY_SHA + " 0 ct=- cl=- te=- host=127.0.0.1:" + first.port() + " auth=- cookie=-",
                    r.body(), "after " + code);
        }
    }

    @Test
    void eightRedirectsAreFollowedTheNinthIsAnError() throws Exception {
        int before = first.accepted.get();
        assertEquals("done", stream(follow("GET", url(first, "/loop/8")).build()).body());
        assertEquals(before + 9, first.accepted.get());
        assertEquals("too-many-redirects", streamError(follow("GET", url(first, "/loop/9")).build()));
        assertEquals(before + 18, first.accepted.get(), "nine requests; none after the ninth redirect");
    }

    @Test
    void redirectIsPassedThroughWithoutTheFlag() throws Exception {
        Response r = stream(follow("GET", url(first, "/to/302?/inspect")).followRedirects(false).build());
        assertEquals(302, r.start().code());
        assertTrue(r.start().headers().contains(new HttpHeader("Location", "/inspect")));
        assertEquals("this resource moved\n", r.body());
    }

    @Test
    void redirectIsPassedThroughWhenTheBodyIsStreamed() throws Exception {
        byte[] body = TestOrigin.content(3000);
        String id = initiator.start(follow("POST", url(first, "/to/307?/inspect")).body(Arrays.copyOf(body, 1000))
                .more(true).build());
        assertInstanceOf(KeepAlive.class, initiator.next(id).payload());
        assertInstanceOf(Credit.class, initiator.next(id).payload(), "the request-body grant");
        initiator.send(id, Data.body(Arrays.copyOfRange(body, 1000, body.length), false));
        Payload p;
        do {
            p = initiator.next(id).payload();
        } while (p instanceof Credit);
        Data start = assertInstanceOf(Data.class, p);
        assertEquals(307, start.code(), "a streamed body cannot be sent again, so the 307 goes to the initiator");
        assertTrue(start.headers().contains(new HttpHeader("Location", "/inspect")));
    }

    @Test
    void redirectBodyIsDrainedAndItsConnectionReused() throws Exception {
        // One connection serves both redirects (Content-Length and chunked bodies) and both hops.
        assertEquals("conn=1 req=2", stream(follow("GET", "http://127.0.0.1:" + keepAlive.port() + "/ka/redirect")
                .build()).body());
        assertEquals("conn=1 req=4", stream(follow("GET", "http://127.0.0.1:" + keepAlive.port()
                + "/ka/redirect/chunked").build()).body());
        assertEquals(1, keepAlive.accepted.get());
    }

    // ---- req mode ----

    @Test
    void reqModeFollowsRedirects() throws Exception {
        byte[] body = TestOrigin.content(2000);
        Data kept = assertInstanceOf(Data.class, req(Data.builder().method("PUT").uri(url(first, "/to/308?/inspect"))
                .body(body).followRedirects(true).build()));
        assertEquals(inspected("PUT", body, "ct=- cl=2000 te=- host=127.0.0.1:" + first.port() + " auth=- cookie=-"),
                new String(kept.body(), StandardCharsets.ISO_8859_1));
        Data switched = assertInstanceOf(Data.class, req(Data.builder().method("POST").uri(url(first, "/to/302?/inspect"))
                .body(body).followRedirects(true).build()));
        assertTrue(new String(switched.body(), StandardCharsets.ISO_8859_1).startsWith("GET " + EMPTY_SHA + " 0 "));
        Data passed = assertInstanceOf(Data.class, req(Data.builder().method("GET").uri(url(first, "/to/302?/inspect"))
                .build()));
        assertEquals(302, passed.code(), "not followed without the flag");
        assertEquals("too-many-redirects", assertInstanceOf(ErrorPacket.class, req(Data.builder().method("GET")
                .uri(url(first, "/loop/9")).followRedirects(true).build())).condition());
    }

    @Test
    void reqModeMaxSizeLimitsTheResponse() throws Exception {
        int size = 1000;
        Data exact = assertInstanceOf(Data.class, req(Data.builder().method("GET").uri(url(first, "/download/" + size))
                .maxSize(size).build()));
        assertArrayEquals(TestOrigin.content(size), exact.body());
        assertEquals("max-size-exceeded", assertInstanceOf(ErrorPacket.class, req(Data.builder().method("GET")
                .uri(url(first, "/download/" + size)).maxSize(size - 1).build())).condition());
        assertEquals("max-size-exceeded", assertInstanceOf(ErrorPacket.class, req(Data.builder().method("GET")
                .uri(url(first, "/download/" + (BODY_LIMIT + 1))).maxSize(10L * BODY_LIMIT).build())).condition(),
                "max-size cannot raise --body-buffer-size");
        assertFalse(assertInstanceOf(Data.class, req(Data.builder().method("GET").uri(url(first, "/download/" + BODY_LIMIT))
                .maxSize(10L * BODY_LIMIT).build())).more());
    }
}
