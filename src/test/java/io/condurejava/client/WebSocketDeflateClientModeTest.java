package io.condurejava.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.condurejava.Server;
import io.condurejava.config.CliRequest;
import io.condurejava.config.ConfigLoader;
import io.condurejava.http1.HttpHeader;
import io.condurejava.ws.DeflateAnswer;
import io.condurejava.zhttp.Close;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.Payload;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permessage-deflate (RFC 7692) on client-mode WebSocket sessions: one condure-java with
 * {@code --compression} and one without, driven by a JeroMQ initiator, against an independent
 * origin ({@link PythonWsOrigin}, Python's websockets) and the Java {@link TestWsOrigin} (for
 * answers a real server would not give). Checks the offer, byte-exact echoes of text and binary
 * messages (small and over 64 KiB) with RSV1 seen by the origin on every message we sent, the
 * 101's credits (3/4 of the buffer when agreed, all of it otherwise) and the pieces' size, and
 * that invalid acceptances fail the session with {@code undefined-condition}.
 */
class WebSocketDeflateClientModeTest {
    private static final int BUFFER = 8192;
    private static final int PLAIN_BUFFER = BUFFER * 3 / 4;
    private static final int CHUNK_BYTES = 5000;
    /** Short enough to send on soon after a credit, long enough for Initiator.poll to wait at all (ms granularity). */
    private static final long SHORT_POLL_MILLIS = 5;
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private static Path dir;
    private static Server compressing;
    private static Server plain;
    private static Initiator toCompressing;
    private static Initiator toPlain;
    private static PythonWsOrigin python;
    private static TestWsOrigin javaOrigin;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "cj-wsd-");
        compressing = start("deflate", "--compression");
        plain = start("plain");
        python = new PythonWsOrigin();
        javaOrigin = new TestWsOrigin(InetAddress.getByName("127.0.0.1"), null);
        toCompressing = new Initiator("ipc://" + dir.resolve("deflate"), "condure");
        toPlain = new Initiator("ipc://" + dir.resolve("plain"), "condure");
    }

    private static Server start(String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--zserver-stream=ipc://" + dir.resolve(name),
                "--buffer-size=" + BUFFER, "--stream-timeout=10"));
        args.addAll(List.of(extra));
        CliRequest request = ConfigLoader.load(args.toArray(String[]::new), Map.of());
        return Server.start(((CliRequest.Run) request).settings());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {toCompressing, toPlain, compressing, plain, python, javaOrigin}) {
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

    private static Data.Builder ws(int port, String path) {
        return Data.builder().method("GET").uri("ws://127.0.0.1:" + port + path).credits(BUFFER);
    }

    private static String header(Data d, String name) {
        return d.headers().stream().filter(h -> h.is(name)).map(HttpHeader::value).findFirst().orElse(null);
    }

    /**
     * Sends one message in pieces within our send credits and reads its echo while granting
     * credits back; asserts the echo's type and that no piece is larger than {@code maxPiece}.
     */
    private static byte[] echo(WsSession s, boolean text, byte[] data, int maxPiece) throws Exception {
        String type = text ? Data.CONTENT_TYPE_TEXT : Data.CONTENT_TYPE_BINARY;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int sent = 0;
        while (true) {
            if (sent < data.length && s.sendCredits > 0) {
                int n = (int) Math.min(Math.min(s.sendCredits, CHUNK_BYTES), data.length - sent);
                s.send(Data.message(type, Arrays.copyOfRange(data, sent, sent + n), sent + n < data.length));
                sent += n;
                continue;
            }
            // short polls while credits for the rest may come (WsSession.poll returns on content only)
            Payload p = s.poll(sent < data.length ? SHORT_POLL_MILLIS : 100);
            if (p instanceof Data d) {
                assertEquals(type, d.contentType());
                assertTrue(d.body().length <= maxPiece, "piece of " + d.body().length + " bytes");
                got.writeBytes(d.body());
                if (d.body().length > 0) {
                    s.grant(d.body().length);
                }
                if (!d.more()) {
                    return got.toByteArray();
                }
            } else if (p != null) {
                throw new AssertionError("unexpected " + p);
            }
        }
    }

    private static String echoText(WsSession s, String message, int maxPiece) throws Exception {
        return new String(echo(s, true, message.getBytes(StandardCharsets.UTF_8), maxPiece), StandardCharsets.UTF_8);
    }

    /** The RSV1 flags the Python origin saw (null without deflate), from its report. */
    private static List<Boolean> reportedRsv1(String report) {
        Matcher m = Pattern.compile("\"rsv1\": (null|\\[([a-z, ]*)])").matcher(report);
        assertTrue(m.find(), report);
        if (m.group(2) == null) {
            return null;
        }
        return Arrays.stream(m.group(2).split(", ")).map(Boolean::parseBoolean).toList();
    }

    private static void closeAndAwaitEnd(WsSession s, Server server) throws Exception {
        s.send(Close.of(1000, null));
        assertInstanceOf(Close.class, s.next());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.liveClientSessions() == 0);
    }

    // ---- tests ----

    @Test
    void negotiatedSessionCompressesBothWaysAndGrantsThreeQuartersOfTheBuffer() throws Exception {
        WsSession s = WsSession.open(toCompressing, ws(python.port(), "/echo"));
        assertEquals(PLAIN_BUFFER, s.accept.credits(), "3/4 of the buffer with permessage-deflate");
        assertEquals(DeflateAnswer.OFFER, header(s.accept, "X-Offer"), "what the origin was offered");
        assertEquals("permessage-deflate; client_no_context_takeover; server_max_window_bits=12",
                header(s.accept, EXTENSIONS), "the origin's answer reaches the initiator");

        Random random = new Random(6);
        StringBuilder big = new StringBuilder();
        while (big.length() < 150_000) {
            big.append("zhttp ").append(random.nextInt(1000)).append(" wörld ✓ ");
        }
        byte[] noise = new byte[100_000];
        random.nextBytes(noise);
        byte[] binary = {0, 1, 2, (byte) 255};

        assertEquals("hello, wörld", echoText(s, "hello, wörld", PLAIN_BUFFER));
        assertArrayEquals(binary, echo(s, false, binary, PLAIN_BUFFER));
        String bigText = big.toString();
        assertEquals(bigText, echoText(s, bigText, PLAIN_BUFFER), "large compressible text, > 64 KiB");
        assertArrayEquals(noise, echo(s, false, noise, PLAIN_BUFFER), "large incompressible binary, > 64 KiB");
        assertEquals(bigText, echoText(s, bigText, PLAIN_BUFFER), "again: the origin keeps its context");
        assertEquals("hello, wörld", echoText(s, "hello, wörld", PLAIN_BUFFER));

        String report = echoText(s, "report", PLAIN_BUFFER);
        assertTrue(report.contains("\"offer\": \"" + DeflateAnswer.OFFER + "\""), report);
        assertEquals(List.of(true, true, true, true, true, true, true), reportedRsv1(report),
                "RSV1 on the first frame of each of the 7 messages we sent: " + report);
        closeAndAwaitEnd(s, compressing);
    }

    @Test
    void withoutCompressionNothingIsOfferedAndTheWholeBufferIsGranted() throws Exception {
        WsSession s = WsSession.open(toPlain, ws(python.port(), "/echo")
                .headers(List.of(new HttpHeader(EXTENSIONS, "permessage-deflate"))));
        assertEquals(BUFFER, s.accept.credits());
        assertEquals("none", header(s.accept, "X-Offer"), "no offer, not even the initiator's");
        assertNull(header(s.accept, EXTENSIONS));
        byte[] noise = new byte[70_000];
        new Random(8).nextBytes(noise);
        assertArrayEquals(noise, echo(s, false, noise, BUFFER));
        String report = echoText(s, "report", BUFFER);
        assertNull(reportedRsv1(report), "no deflate in use at the origin: " + report);
        closeAndAwaitEnd(s, plain);
    }

    @Test
    void offerWithoutAcceptanceMeansPlainFramesAndTheWholeBuffer() throws Exception {
        javaOrigin.heads.clear();
        WsSession s = WsSession.open(toCompressing, ws(javaOrigin.port(), "/echo")
                .headers(List.of(new HttpHeader(EXTENSIONS, "x-initiator-ext"))));
        assertEquals(BUFFER, s.accept.credits(), "not agreed: the whole buffer");
        String head = javaOrigin.heads.poll(5, TimeUnit.SECONDS);
        List<String> offers = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-extensions:")).toList();
        assertEquals(List.of(EXTENSIONS + ": " + DeflateAnswer.OFFER), offers, "our offer replaces the initiator's");
        // TestWsOrigin reads without deflate: a frame with RSV1 would fail the session
        assertEquals("plain", echoText(s, "plain", BUFFER));
        closeAndAwaitEnd(s, compressing);
    }

    @Test
    void validAcceptanceWithEveryParameterIsAgreed() throws Exception {
        WsSession s = WsSession.open(toCompressing, ws(javaOrigin.port(), "/extanswer").headers(List.of(new HttpHeader(
                "X-Answer-Extensions", "permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                        + " server_max_window_bits=\"8\""))));
        assertEquals(PLAIN_BUFFER, s.accept.credits());
        closeAndAwaitEnd(s, compressing);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits=10",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_no_context_takeover=1",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; x-unknown",
        "permessage-deflate, permessage-deflate",
        "x-webkit-deflate-frame",
        "permessage-deflate; ;",
    })
    void invalidAcceptanceFailsTheSession(String answer) throws Exception {
        assertEquals("undefined-condition", WsSession.errorOf(toCompressing, ws(javaOrigin.port(), "/extanswer")
                .headers(List.of(new HttpHeader("X-Answer-Extensions", answer)))));
        await().atMost(Duration.ofSeconds(5)).until(() -> compressing.liveClientSessions() == 0);
    }
}
