package io.condurejava.testutil;

import io.condurejava.http1.HttpHeader;
import io.condurejava.zhttp.Cancel;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zhttp.Payload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A handler thread for integration tests that behaves like a small application: GET answers
 * {@code hello <uri>}; a request with a body is read within credits it grants piece by piece, then
 * answered with the body's length and SHA-256; a path containing {@code /chunked} gets a response
 * streamed in pieces of {@value #PIECE_BYTES} bytes within the server's credits. Records what it saw.
 */
public final class AutoHandler implements AutoCloseable {
    static final int PIECE_BYTES = 3000;
    static final int STREAMED_PIECES = 7;
    static final int CREDIT_WINDOW = 50_000;

    /** What a request looked like to the handler. */
    public record Seen(String id, Data request) {}

    private final TestHandler handler;
    private final Thread thread;
    private volatile boolean running = true;
    private final Map<String, Session> sessions = new HashMap<>();
    public final ConcurrentLinkedQueue<Seen> requests = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<String> cancelled = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<TestHandler.Received> all = new ConcurrentLinkedQueue<>();

    private static final class Session {
        final Data request;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int piecesLeft = -1;
        long responseCredits;

        Session(Data request) {
            this.request = request;
            this.responseCredits = request.credits();
        }
    }

    public AutoHandler(String base) {
        handler = new TestHandler(base);
        thread = Thread.ofPlatform().name("auto-handler").daemon(true).start(this::run);
    }

    private void run() {
        while (running) {
            TestHandler.Received r = handler.receive(Duration.ofMillis(100));
            if (r == null) {
                continue;
            }
            all.add(r);
            try {
                handle(r);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    private void handle(TestHandler.Received r) throws Exception {
        String id = r.id();
        Payload payload = r.payload();
        if (r.initial() && payload instanceof Data request) {
            requests.add(new Seen(id, request));
            Session s = new Session(request);
            sessions.put(id, s);
            if (request.more()) {
                handler.send(id, new Credit(CREDIT_WINDOW));
            } else {
                respond(id, s);
            }
            return;
        }
        Session s = sessions.get(id);
        if (s == null) {
            return;
        }
        switch (payload) {
            case Data body -> {
                s.body.writeBytes(body.body());
                if (body.body().length > 0) {
                    handler.send(id, new Credit(body.body().length));
                }
                if (!body.more()) {
                    respond(id, s);
                }
            }
            case Credit credit -> {
                s.responseCredits += credit.credits();
                streamPieces(id, s);
            }
            case Cancel cancel -> {
                cancelled.add(id);
                sessions.remove(id);
            }
            default -> { }
        }
    }

    private void respond(String id, Session s) throws Exception {
        List<HttpHeader> headers = List.of(new HttpHeader("Content-Type", "text/plain"));
        if (s.request.uri().contains("/chunked")) {
            s.piecesLeft = STREAMED_PIECES;
            handler.send(id, Data.response(200, "OK", headers, new byte[0], true, 0));
            streamPieces(id, s);
            return;
        }
        String text;
        if (s.request.more()) {
            byte[] body = s.body.toByteArray();
            text = "length=" + body.length + " sha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } else {
            text = "hello " + s.request.uri();
        }
        handler.send(id, Data.response(200, "OK", headers, text.getBytes(StandardCharsets.UTF_8), false, 0));
        sessions.remove(id);
    }

    /** Streams as many pieces as the server's credits allow; the last one ends the response. */
    private void streamPieces(String id, Session s) {
        while (s.piecesLeft > 0 && s.responseCredits >= PIECE_BYTES) {
            s.piecesLeft--;
            s.responseCredits -= PIECE_BYTES;
            byte[] piece = new byte[PIECE_BYTES];
            java.util.Arrays.fill(piece, (byte) ('a' + s.piecesLeft));
            handler.send(id, Data.body(piece, s.piecesLeft > 0));
        }
        if (s.piecesLeft == 0) {
            sessions.remove(id);
        }
    }

    /** The expected body of a {@code /chunked} response. */
    public static byte[] streamedBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int left = STREAMED_PIECES - 1; left >= 0; left--) {
            byte[] piece = new byte[PIECE_BYTES];
            java.util.Arrays.fill(piece, (byte) ('a' + left));
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        handler.close();
    }
}
