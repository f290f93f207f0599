package io.condurejava.server;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that vanish or stall at every stage: the session is cancelled towards the handler when one
 * exists, and every connection, session and thread is released (counted back to zero).
 */
class ClientFaultsTest {
    private ServerFixture fixture;

    @AfterEach
    void noLeaks() throws Exception {
        if (fixture != null) {
            fixture.awaitNothingLive();
            fixture.close();
        }
    }

    @Test
    void leavingMidHeadSendsNothingToTheHandler() throws Exception {
        fixture = ServerFixture.start();
        try (TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("GET /half HTTP/1.1\r\nHost: h\r\nX-Partial: ");
            await().until(() -> fixture.server().liveConnectionThreads() == 1); // the session thread reads heads
            client.close();
            await().until(() -> fixture.server().liveConnectionThreads() == 0);
            assertNull(handler.receive(Duration.ofMillis(200)));
        }
    }

    @Test
    void leavingMidBodyCancels() throws Exception {
        fixture = ServerFixture.start();
        try (TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(300));
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, new Credit(100_000));
            Data first = (Data) handler.expect(Data.class, Duration.ofSeconds(5)).payload();
            assertTrue(first.more());
            client.close();
            assertEquals(id, handler.expect(Cancel.class, Duration.ofSeconds(5)).id());
        }
    }

    @Test
    void leavingMidResponseCancels() throws Exception {
        fixture = ServerFixture.start();
        try (TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("GET /stream HTTP/1.1\r\nHost: h\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, Data.response(200, "OK", List.of(), "part".getBytes(), true, 0));
            assertEquals(200, client.readResponseHeadOnly().status());
            handler.expect(Credit.class, Duration.ofSeconds(5));
            client.close();
            assertEquals(id, handler.expect(Cancel.class, Duration.ofSeconds(5)).id());
        }
    }

    @Test
    void leavingDuringExpectContinueCancels() throws Exception {
        fixture = ServerFixture.start();
        try (TestHandler handler = fixture.newHandler()) {
            RawClient client = fixture.connect();
            client.send("POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n");
            String id = handler.expect(Duration.ofSeconds(5)).id();
            handler.send(id, new Credit(1000));
            assertEquals(100, client.readResponse().status());
            client.close();
            assertEquals(id, handler.expect(Cancel.class, Duration.ofSeconds(5)).id());
        }
    }

    @Test
    void clientThatNeverReadsIsClosedAfterTheStreamTimeout() throws Exception {
        fixture = ServerFixture.start("--stream-timeout=2");
        try (TestHandler handler = fixture.newHandler();
             Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("127.0.0.1", fixture.port()));
            client.getOutputStream().write("GET /firehose HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String id = handler.expect(Duration.ofSeconds(5)).id();
            byte[] piece = new byte[8192];
            handler.send(id, Data.response(200, "OK", List.of(), piece, true, 0));
            // feed a piece for every credit until the server gives up on the client and cancels
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean cancelled = false;
            while (!cancelled && System.nanoTime() < deadline) {
                TestHandler.Received r = handler.expect(Duration.ofSeconds(10));
                if (r.payload() instanceof Credit) {
                    handler.send(id, Data.body(piece, true));
                }
                cancelled = r.payload() instanceof Cancel;
            }
            assertTrue(cancelled, "the server cancelled the session of the client that stopped reading");
        }
    }

    @Test
    void slowlorisIsCutOffBySessionTimeoutThoughBytesKeepComing() throws Exception {
        fixture = ServerFixture.start("--session-timeout=2");
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (TestHandler handler = fixture.newHandler();
             RawClient client = fixture.connect()) {
            client.send("GET /slow HTTP/1.1\r\nHost: h\r\n");
            OutputStream out = client.socket().getOutputStream();
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write('X');
                    out.flush();
                } catch (Exception ignored) {
                    // closed by the server: that is the point
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            InputStream in = client.socket().getInputStream();
            int first;
            try {
                first = in.read();
            } catch (java.io.IOException reset) {
                first = -1; // closed with unread input pending: a reset is a close too
            }
            assertEquals(-1, first, "no response, just the close");
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 6, "closed within the session timeout, took " + seconds + " s");
            assertNull(handler.receive(Duration.ofMillis(100)), "nothing reached the handler");
        } finally {
            trickle.shutdownNow();
        }
    }
}
