package io.condurejava.pushpin;

import io.condurejava.testutil.RawClient;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GRIP through Pushpin: HTTP streaming, long-polling, WebSocket-over-HTTP echo and WebSocket
 * publishing. Each scenario asserts what a client must see and returns a one-line observation.
 * Test thread (plus a virtual thread for a held request).
 */
final class GripScenarios {
    static final int STREAM_MESSAGES = 5;
    static final int WS_BINARY_BYTES = 10_000;
    /** Pushpin's minimum {@code Grip-Timeout} (shorter values are raised to it). */
    static final int POLL_TIMEOUT_SECONDS = 5;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong CHANNELS = new AtomicLong();

    private GripScenarios() {
    }

    /** A channel name no other scenario or run uses. */
    static String channel(String what) {
        return what + "-" + ProcessHandle.current().pid() + "-" + CHANNELS.incrementAndGet();
    }

    static List<String> messages(String prefix, int n) {
        List<String> m = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            m.add(prefix + i);
        }
        return m;
    }

    /** {@code Grip-Hold: stream}: the initial body, then published messages in order. */
    static String streaming(PushpinInstance p) throws Exception {
        String ch = channel("stream");
        try (StreamClient c = new StreamClient(p.httpPort(), "/stream/" + ch)) {
            assertEquals(200, c.readHead(), c.head());
            assertEquals(GripOrigin.STREAM_START, c.nextLine());
            List<String> sent = messages("m", STREAM_MESSAGES);
            for (String m : sent) {
                p.publisher().stream(ch, m + "\n");
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                got.add(c.nextLine());
            }
            assertEquals(sent, got);
            return "[" + ProxyScenarios.head(c.head()) + "] " + String.join(",", got);
        }
    }

    /**
     * {@code Grip-Hold: response}: the held request is answered by a published response. The client
     * cannot see when the hold starts, so the same response is published until it arrives.
     */
    static String longPoll(PushpinInstance p) throws Exception {
        String ch = channel("poll");
        try (RawClient c = new RawClient(p.httpPort())) {
            c.socket().setSoTimeout((int) WAIT.toMillis());
            CompletableFuture<RawClient.Response> held = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    held.complete(c.send("GET /poll/" + ch + "/30 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readResponse());
                } catch (Exception e) {
                    held.completeExceptionally(e);
                }
            });
            await("published response arrives").atMost(WAIT).pollInterval(PROBE_INTERVAL).until(() -> {
                if (!held.isDone()) {
                    p.publisher().response(ch, "published\n");
                }
                return held.isDone();
            });
            RawClient.Response r = held.get();
            assertEquals(200, r.status(), r.rawHead());
            assertEquals("published\n", r.bodyText());
            return "[" + ProxyScenarios.head(r.rawHead()) + "] " + r.bodyText().strip();
        }
    }

    /**
     * {@code Grip-Hold: response} with {@code Grip-Timeout: 5} (Pushpin's minimum) and nothing
     * published: the origin's own body after the timeout.
     */
    static String longPollTimeout(PushpinInstance p) throws Exception {
        try (RawClient c = new RawClient(p.httpPort())) {
            long start = System.nanoTime();
            String path = "/poll/" + channel("idle") + "/" + POLL_TIMEOUT_SECONDS;
            RawClient.Response r = c.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readResponse();
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(200, r.status(), r.rawHead());
            assertEquals(GripOrigin.POLL_TIMEOUT_BODY, r.bodyText());
            assertTrue(waitedMillis >= POLL_TIMEOUT_SECONDS * 1000 - 500,
                    "held for the timeout, was " + waitedMillis + " ms");
            return "[" + ProxyScenarios.head(r.rawHead()) + "] " + r.bodyText().strip();
        }
    }

    /** WebSocket-over-HTTP to the origin: text and binary echo, then a close handshake. */
    static String webSocketEcho(PushpinInstance p) throws Exception {
        try (WsClient ws = new WsClient(p.httpPort(), "/ws/echo")) {
            List<String> seen = new ArrayList<>();
            ws.socket().sendText("hello", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            seen.add(ws.next());
            byte[] data = Payload.bytes(WS_BINARY_BYTES);
            ws.socket().sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            seen.add(ws.next());
            ws.socket().sendText("h\u00e9llo w\u00f6rld", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            seen.add(ws.next());
            ws.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            seen.add(ws.next());
            assertEquals(List.of("text:hello", WsClient.binaryEvent(data), "text:h\u00e9llo w\u00f6rld",
                    "close:1000:bye"), seen);
            return String.join(" ", seen);
        }
    }

    /**
     * A WebSocket subscribed through the GRIP extension receives published messages in order. Probe
     * messages are published until one arrives (the subscription is set up asynchronously).
     */
    static String webSocketPublish(PushpinInstance p) throws Exception {
        String ch = channel("ws");
        try (WsClient ws = new WsClient(p.httpPort(), "/ws/sub/" + ch)) {
            await("subscription is live").atMost(WAIT).pollInterval(PROBE_INTERVAL).until(() -> {
                String e = ws.poll();
                if (e != null) {
                    assertEquals("text:probe", e);
                    return true;
                }
                p.publisher().webSocket(ch, "probe");
                return false;
            });
            List<String> sent = messages("w", STREAM_MESSAGES);
            for (String m : sent) {
                p.publisher().webSocket(ch, m);
            }
            List<String> got = new ArrayList<>();
            while (got.size() < sent.size()) {
                String e = ws.next();
                if (!e.equals("text:probe")) {
                    got.add(e.substring("text:".length()));
                }
            }
            assertEquals(sent, got);
            ws.socket().sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            String close = ws.next();
            while (close.equals("text:probe")) {
                close = ws.next();
            }
            assertEquals("close:1000:", close);
            return String.join(",", got) + " " + close;
        }
    }
}
