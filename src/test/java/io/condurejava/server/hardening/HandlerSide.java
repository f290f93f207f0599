package io.condurejava.server.hardening;

import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.TestHandler;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the hardening tests check on the handler's side of a real {@link TestHandler}: the next
 * request it receives, body reading within credits, the cancel, and the sentinel request that proves
 * nothing else reached it before. Test thread only.
 */
final class HandlerSide {
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Request-body credits a handler grants at once; more than any body of the tests. */
    static final int BODY_CREDITS = 1 << 16;
    /** How long the handler must stay quiet for {@link #drain} to stop. */
    private static final Duration DRAIN_QUIET = Duration.ofMillis(300);
    private static final AtomicLong SENTINELS = new AtomicLong();

    private HandlerSide() {
    }

    /** The next packet must be the initial request for {@code path}; returns it. */
    static TestHandler.Received nextRequest(TestHandler handler, String path) {
        TestHandler.Received r = handler.expect(WAIT);
        assertTrue(r.initial(), "expected a new request for " + path + ", got " + r.payload());
        Data request = assertInstanceOf(Data.class, r.payload());
        assertTrue(request.uri().endsWith(path), "expected a request for " + path + ", got " + request.uri());
        return r;
    }

    /**
     * Skips packets of earlier sessions (credits, cancels) until a new request arrives, which must be
     * for {@code path}; returns it.
     */
    static TestHandler.Received awaitRequest(TestHandler handler, String path) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            TestHandler.Received r = handler.receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r == null) {
                fail("no request for " + path + " within " + WAIT);
            }
            if (r.initial()) {
                Data request = assertInstanceOf(Data.class, r.payload());
                assertTrue(request.uri().endsWith(path), "expected a request for " + path + ", got " + request.uri());
                return r;
            }
        }
    }

    /** Grants credits and collects body messages until one arrives without {@code more}; returns the body. */
    static String readBody(TestHandler handler, String id) {
        handler.send(id, new Credit(BODY_CREDITS));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            TestHandler.Received r = handler.expect(WAIT);
            assertEquals(id, r.id());
            Data data = assertInstanceOf(Data.class, r.payload(), "body message");
            body.writeBytes(data.body());
            if (!data.more()) {
                return body.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Grants credits, then expects body messages (collected) and finally a cancel; returns the body seen. */
    static String bodyUntilCancel(TestHandler handler, String id) {
        handler.send(id, new Credit(BODY_CREDITS));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            TestHandler.Received r = handler.expect(WAIT);
            assertEquals(id, r.id());
            if (r.payload() instanceof Cancel) {
                return body.toString(StandardCharsets.ISO_8859_1);
            }
            Data data = assertInstanceOf(Data.class, r.payload(), "body message or cancel");
            assertTrue(data.more(), "the body must not end normally: " + data);
            body.writeBytes(data.body());
        }
    }

    /** Sends a complete 200 response with a plain-text body. */
    static void respond(TestHandler handler, String id, String text) {
        handler.send(id, Data.response(200, "OK", List.of(), text.getBytes(StandardCharsets.UTF_8), false, 0));
    }

    /**
     * Sends a good request on a new connection and asserts it is the very first thing the handler
     * receives (so nothing of an earlier bad request got there), then answers it.
     */
    static void assertSentinelArrivesFirst(TestHandler handler, int port, String context) throws IOException {
        String path = "/sentinel-" + SENTINELS.incrementAndGet();
        try (RawClient client = new RawClient(port)) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            client.send("GET " + path + " HTTP/1.1\r\nHost: sentinel\r\n\r\n");
            TestHandler.Received r = handler.expect(WAIT);
            if (!(r.initial() && r.payload() instanceof Data d && ("http://sentinel" + path).equals(d.uri()))) {
                fail(context + ": the handler received " + r.payload() + " before the sentinel request");
            }
            respond(handler, r.id(), "sentinel");
            RawClient.Response response = client.readResponse();
            assertEquals(200, response.status());
            assertEquals("sentinel", response.bodyText());
        }
    }

    /** Discards whatever the handler still has queued (after a failed case). */
    static void drain(TestHandler handler) {
        while (handler.receive(DRAIN_QUIET) != null) {
            // discard
        }
    }
}
