package io.condurejava.server.ws;

import io.condurejava.testutil.Python;
import io.condurejava.testutil.ServerFixture;
import io.condurejava.testutil.TestHandler;
import io.condurejava.testutil.WebSocketEchoHandler;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interop with an independent client: Python's {@code websockets} (Debian python3-websockets) runs
 * src/test/resources/python/ws_client.py through condure-java to the Java echo handler — text,
 * binary, ping/pong, a large compressible message and a close with code and reason — once plain and once with
 * permessage-deflate negotiated. Skipped when the module is missing.
 */
class WebSocketPythonClientTest {
    private static final Path SCRIPT = Path.of("src/test/resources/python/ws_client.py").toAbsolutePath();
    private static final long SCRIPT_TIMEOUT_SECONDS = 30;
    private static final int BIG_LENGTH = 1_000_000;
    /** A compressible message that decompresses into one piece the handler can echo within its 6144 credits. */
    private static final int ONE_PIECE_LENGTH = 6000;
    private static final int DEFAULT_BUFFER_SIZE = 8192;
    private static final int DEFAULT_WEBSOCKET_WINDOW = 65536;

    @BeforeAll
    static void needsWebsockets() throws Exception {
        Process p = new ProcessBuilder(Python.executable(), "-c", "import websockets").redirectErrorStream(true).start();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok, "Python's websockets module is missing (" + Python.executable()
                + " -c 'import websockets' failed): install Debian's python3-websockets to run this interop test");
    }

    @Test
    void plainClientExchangesEverything() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(); WebSocketEchoHandler handler = new WebSocketEchoHandler(fixture.base())) {
            Map<String, Map<String, Object>> steps = runClient(fixture, "plain", BIG_LENGTH);
            assertNull(steps.get("open").get("extensions"), "no extension without compression: " + steps.get("open"));
            assertCommonSteps(steps, BIG_LENGTH);
            assertHandlerSaw(handler, DEFAULT_WEBSOCKET_WINDOW, BIG_LENGTH);
            awaitIdle(fixture);
        }
    }

    @Test
    void deflateClientNegotiatesPermessageDeflateAndExchangesEverything() throws Exception {
        // --websocket-window=0: Condure's window, 3/4 of --buffer-size with deflate (1.10)
        deflateRun(ONE_PIECE_LENGTH, DEFAULT_BUFFER_SIZE * 3 / 4, "--websocket-window=0");
    }

    @Test
    void deflateClientRoundTripsOneMegabyte() throws Exception {
        deflateRun(BIG_LENGTH, DEFAULT_WEBSOCKET_WINDOW * 3 / 4);
    }

    private void deflateRun(int bigLength, int offeredCredits, String... flags) throws Exception {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("--compression"),
                java.util.Arrays.stream(flags)).toArray(String[]::new);
        try (ServerFixture fixture = ServerFixture.start(all);
             WebSocketEchoHandler handler = new WebSocketEchoHandler(fixture.base())) {
            Map<String, Map<String, Object>> steps = runClient(fixture, "deflate", bigLength);
            String extensions = (String) steps.get("open").get("extensions");
            assertNotNull(extensions, "the server answered the client's permessage-deflate offer");
            assertTrue(extensions.startsWith("permessage-deflate"), extensions);
            assertCommonSteps(steps, bigLength);
            // the handler sees plain data only, and was offered 3/4 of the window (Condure 1.10's rule)
            assertHandlerSaw(handler, offeredCredits, bigLength);
            awaitIdle(fixture);
        }
    }

    private static void assertCommonSteps(Map<String, Map<String, Object>> steps, int bigLength) {
        assertEquals("echo", steps.get("open").get("subprotocol"), "the handler's Sec-WebSocket-Protocol is relayed");
        assertEquals("hello, wörld", steps.get("text").get("echo"));
        assertEquals("bytes", steps.get("binary").get("type"), "binary comes back as binary");
        assertEquals("000102ff", steps.get("binary").get("echo"));
        assertEquals(Boolean.TRUE, steps.get("ping").get("pong"), "the client's ping was answered with its pong");
        assertEquals((long) bigLength, steps.get("big").get("length"));
        assertEquals(Boolean.TRUE, steps.get("big").get("same"), "the large message came back unchanged");
        assertEquals(4001L, steps.get("close").get("code"));
        assertEquals("py bye", steps.get("close").get("reason"));
    }

    private static void assertHandlerSaw(WebSocketEchoHandler handler, int offeredCredits, int bigLength) {
        TestHandler.Received first = handler.all.peek();
        assertNotNull(first);
        assertEquals(offeredCredits, ((Data) first.payload()).credits(), "credits offered to the handler");
        long textBytes = handler.all.stream().filter(r -> !r.initial() && r.payload() instanceof Data d && !d.isBinary())
                .mapToLong(r -> ((Data) r.payload()).body().length).sum();
        assertEquals("hello, wörld".getBytes(StandardCharsets.UTF_8).length + bigLength, textBytes,
                "the handler received every text byte, uncompressed");
        assertTrue(handler.all.stream().anyMatch(r -> r.payload() instanceof Close c && c.code() == 4001
                && "py bye".equals(c.reasonText())), "the client's close reached the handler");
    }

    private static void awaitIdle(ServerFixture fixture) {
        fixture.awaitNothingLive();
    }

    /** Runs the script; returns its JSON lines keyed by {@code step}. */
    private static Map<String, Map<String, Object>> runClient(ServerFixture fixture, String mode, int bigLength) throws Exception {
        File stderr = File.createTempFile("ws-client", ".log");
        try {
            Process p = new ProcessBuilder(Python.executable(), SCRIPT.toString(),
                    "ws://127.0.0.1:" + fixture.port() + "/py-" + mode, mode, Integer.toString(bigLength)).redirectError(stderr).start();
            String stdout;
            try {
                p.getOutputStream().close();
                boolean exited = p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(exited, "ws_client.py did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s; output: " + stdout);
            } finally {
                p.destroyForcibly().waitFor();
            }
            String err = Files.readString(stderr.toPath());
            assertEquals(0, p.exitValue(), "ws_client.py failed:\n" + stdout + err);
            Map<String, Map<String, Object>> steps = new HashMap<>();
            stdout.lines().filter(l -> !l.isBlank()).map(FlatJson::parse).forEach(m -> steps.put((String) m.get("step"), m));
            for (String step : new String[] {"open", "text", "binary", "ping", "big", "close"}) {
                assertTrue(steps.containsKey(step), "step " + step + " missing in:\n" + stdout + err);
            }
            return steps;
        } finally {
            Files.deleteIfExists(stderr.toPath());
        }
    }
}
