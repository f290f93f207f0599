package io.condurejava.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.KeepAlive;
import io.condurejava.zhttp.ZhttpPacket;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive reuse of origin connections: end to end through an in-process condure-java with
 * {@code --zserver-stream} and {@code --zserver-req} against a {@link KeepAliveOrigin} that numbers
 * its connections, and the {@link OriginPool} itself on loopback sockets.
 */
class OriginPoolTest {
    private static final int BUFFER = 8192;
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    private static Path dir;
    private static TestCa ca;
    private static Server server;
    private static Initiator initiator;
    private static ReqInitiator reqInitiator;
    private KeepAliveOrigin origin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-pool-");
        ca = TestCa.create();
        System.setProperty(ClientTls.CA_FILE_PROPERTY, ca.caCert.toString());
        try {
            CliRequest request = ConfigLoader.load(new String[] {"--zserver-stream=ipc://" + dir.resolve("s"),
                "--zserver-req=ipc://" + dir.resolve("r"), "--buffer-size=" + BUFFER}, Map.of());
            server = Server.start(((CliRequest.Run) request).settings());
        } finally {
            System.clearProperty(ClientTls.CA_FILE_PROPERTY);
        }
        initiator = new Initiator("ipc://" + dir.resolve("s"), "condure");
        reqInitiator = new ReqInitiator("ipc://" + dir.resolve("r"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {initiator, reqInitiator, server}) {
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

    @BeforeEach
    void newOrigin() throws Exception {
        origin = new KeepAliveOrigin(V4, null);
    }

    @AfterEach
    void closeOrigin() throws Exception {
        origin.close();
    }

    // ---- helpers ----

    private String url(String path) {
        return "http://127.0.0.1:" + origin.port() + path;
    }

    /** One stream-mode request; returns the response body (the origin's "conn=N req=M"). */
    private static String stream(Data.Builder request) throws Exception {
        String id = initiator.start(request.credits(BUFFER).stream(true).build());
        assertInstanceOf(KeepAlive.class, initiator.next(id).payload());
        ZhttpPacket p;
        do {
            p = initiator.next(id);
        } while (!(p.payload() instanceof Data));
        Data start = (Data) p.payload();
        assertEquals(200, start.code(), start.toString());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start.body());
        boolean more = start.more();
        while (more) {
            Data d = assertInstanceOf(Data.class, initiator.next(id).payload());
            body.writeBytes(d.body());
            more = d.more();
        }
        return body.toString(StandardCharsets.US_ASCII);
    }

    private String get(String path) throws Exception {
        return stream(Data.builder().method("GET").uri(url(path)));
    }

    private static String req(Data request) throws Exception {
        Data d = assertInstanceOf(Data.class, reqInitiator.roundTrip(request).payload());
        return new String(d.body(), StandardCharsets.US_ASCII);
    }

    // ---- end to end ----

    @Test
    void sequentialRequestsShareOneConnection() throws Exception {
        assertEquals("conn=1 req=1", get("/ka"));
        assertEquals("conn=1 req=2", get("/ka"));
        assertEquals("conn=1 req=3", get("/ka/chunked"), "after a chunked body too");
        assertEquals("conn=1 req=4", get("/ka"));
        assertEquals(1, origin.accepted.get());
    }

    @Test
    void reqModeUsesTheSamePool() throws Exception {
        assertEquals("conn=1 req=1", req(Data.builder().method("GET").uri(url("/ka")).build()));
        assertEquals("conn=1 req=2", req(Data.builder().method("GET").uri(url("/ka/chunked")).build()));
        assertEquals("conn=1 req=3", get("/ka"));
    }

    @Test
    void connectionsThatMustCloseAreNotKept() throws Exception {
        assertEquals("conn=1 req=1", get("/ka/close"));
        assertEquals("conn=2 req=1", get("/ka/http10"));
        assertEquals("conn=3 req=1", get("/ka"));
    }

    @Test
    void anIdleConnectionTheOriginClosedIsNotUsed() throws Exception {
        assertEquals("conn=1 req=1", get("/ka/hangup"));
        assertEquals("conn=2 req=1", get("/ka"));
    }

    @Test
    void idempotentRequestIsRepeatedWhenTheIdleConnectionDiesUnderIt() throws Exception {
        assertEquals("conn=1 req=1", get("/ka/once"));
        assertEquals("conn=2 req=1", get("/ka"), "the origin closed conn 1 on reading the request: repeated on conn 2");
        assertEquals(2, origin.accepted.get());
    }

    @Test
    void postNeverGoesOnAnIdleConnection() throws Exception {
        assertEquals("conn=1 req=1", get("/ka"));
        assertEquals("conn=2 req=1", stream(Data.builder().method("POST").uri(url("/ka"))
                .body("data".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("conn=2 req=2", get("/ka"), "the POST's connection went back to the pool, most recent first");
    }

    @Test
    void requestFlagsThatRelaxRulesGetTheirOwnConnections() throws Exception {
        assertEquals("conn=1 req=1", get("/ka"));
        assertEquals("conn=2 req=1", stream(Data.builder().method("GET").uri(url("/ka")).ignorePolicies(true)));
        assertEquals("conn=1 req=2", get("/ka"));
    }

    @Test
    void httpsConnectionsAreReusedToo() throws Exception {
        try (KeepAliveOrigin tls = new KeepAliveOrigin(V4, ca.trustedServer)) {
            String uri = "https://localhost:" + tls.port() + "/ka";
            assertEquals("conn=1 req=1", stream(Data.builder().method("GET").uri(uri).connectHost("127.0.0.1")));
            assertEquals("conn=1 req=2", stream(Data.builder().method("GET").uri(uri).connectHost("127.0.0.1")));
            assertEquals("conn=2 req=1", stream(Data.builder().method("GET").uri(uri).connectHost("127.0.0.1")
                    .ignoreTlsErrors(true)), "a connection made without verification is kept apart");
        }
    }

    // ---- the pool itself ----

    /** A connected loopback pair: our side wrapped for the pool, and the origin's side. */
    private record Pair(OriginConnection ours, Socket theirs) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            ours.close();
            theirs.close();
        }
    }

    private static Pair pair(ServerSocket listener) throws Exception {
        Socket s = new Socket(V4, listener.getLocalPort());
        return new Pair(OriginConnection.fresh(s, BUFFER), listener.accept());
    }

    private static final OriginPool.Key KEY = new OriginPool.Key("127.0.0.1", 80, false, "", false, false);

    @Test
    void takesTheMostRecentLiveConnectionOfItsKeyOnly() throws Exception {
        OriginPool pool = new OriginPool(1000);
        try (ServerSocket listener = new ServerSocket(0, 50, V4); Pair a = pair(listener); Pair b = pair(listener)) {
            pool.give(KEY, a.ours());
            pool.give(KEY, b.ours());
            assertNull(pool.take(new OriginPool.Key("127.0.0.1", 80, false, "", false, true)), "another key");
            OriginConnection first = pool.take(KEY);
            assertSame(b.ours().socket, first.socket, "most recently parked first");
            assertTrue(first.reused);
            assertEquals(1000, first.socket.getSoTimeout(), "read timeout restored after the probe");
            a.theirs().close(); // the origin closes the idle one
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            OriginConnection second = pool.take(KEY);
            assertNull(second, "a connection the origin closed is discarded");
            assertTrue(a.ours().socket.isClosed());
            assertTrue(System.nanoTime() < deadline);
            assertEquals(0, pool.idleCount());
        }
    }

    @Test
    void expiresIdleConnectionsAndCapsEachKey() throws Exception {
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(50);
        OriginPool pool = new OriginPool(idleNanos, 1000);
        List<Pair> pairs = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 50, V4)) {
            for (int i = 0; i < OriginPool.MAX_IDLE_PER_KEY + 1; i++) {
                Pair p = pair(listener);
                pairs.add(p);
                pool.give(KEY, p.ours());
            }
            assertEquals(OriginPool.MAX_IDLE_PER_KEY, pool.idleCount());
            assertTrue(pairs.get(OriginPool.MAX_IDLE_PER_KEY).ours().socket.isClosed(), "one over the cap is closed");
            pool.expire(System.nanoTime() + idleNanos);
            assertEquals(0, pool.idleCount());
            assertTrue(pairs.stream().allMatch(p -> p.ours().socket.isClosed()), "expired connections are closed");
            Pair late = pair(listener);
            pairs.add(late);
            pool.close();
            pool.give(KEY, late.ours());
            assertTrue(late.ours().socket.isClosed(), "a closed pool keeps nothing");
            assertNotNull(late.theirs());
            assertFalse(late.theirs().isClosed());
        } finally {
            for (Pair p : pairs) {
                p.close();
            }
        }
    }
}
