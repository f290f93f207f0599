package io.condurejava.pushpin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The origin behind Pushpin: HTTP/1.1 with keep-alive, GRIP instructions and WebSocket-over-HTTP.
 * Paths: {@code /hello}; {@code /hash} (POST/PUT: answers {@code METHOD LENGTH SHA256}); {@code
 * /bytes/N} (N payload bytes, Content-Length); {@code /chunked/N} (N payload bytes, chunked);
 * {@code /seq/K} (body {@code response K}); {@code /stream/CH} ({@code Grip-Hold: stream});
 * {@code /poll/CH/T} ({@code Grip-Hold: response}, timeout T s); {@code /ws/echo} (echoes every
 * message, answers CLOSE with CLOSE); {@code /ws/sub/CH} (subscribes the connection to CH through
 * the GRIP extension). Accepts on a virtual thread; one virtual thread per connection.
 */
final class GripOrigin implements AutoCloseable {
    static final String HELLO = "hello\n";
    static final String STREAM_START = "start";
    static final String POLL_TIMEOUT_BODY = "timeout\n";
    private static final int CHUNK_BYTES = 7_919;

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    GripOrigin() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("origin-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().name("origin-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), Payload.PIECE_BYTES);
            OriginRequest req;
            while ((req = OriginRequest.read(in, out)) != null) {
                handle(req, out);
                out.flush();
                if (req.wantsClose()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the peer left or sent garbage; the connection ends
        } finally {
            open.remove(s);
        }
    }

    private void handle(OriginRequest req, OutputStream out) throws IOException {
        String[] seg = req.target().split("\\?")[0].substring(1).split("/");
        switch (seg[0]) {
            case "hello" -> respond(req, out, 200, List.of("Content-Type: text/plain"), text(HELLO));
            case "hash" -> respond(req, out, 200, List.of("Content-Type: text/plain",
                    "X-Request-Framing: " + (req.chunked() ? "chunked" : "length")),
                    text(req.method() + " " + req.body().length + " " + Payload.sha256(req.body()) + "\n"));
            case "bytes" -> {
                int n = Integer.parseInt(seg[1]);
                head(out, 200, List.of("Content-Type: application/octet-stream", "Content-Length: " + n));
                if (!req.method().equals("HEAD")) {
                    Payload.write(out, n);
                }
            }
            case "chunked" -> chunked(out, Integer.parseInt(seg[1]));
            case "seq" -> respond(req, out, 200, List.of("Content-Type: text/plain"),
                    text("response " + seg[1] + "\n"));
            case "stream" -> respond(req, out, 200, List.of("Content-Type: text/plain", "Grip-Hold: stream",
                    "Grip-Channel: " + seg[1]), text(STREAM_START + "\n"));
            case "poll" -> respond(req, out, 200, List.of("Content-Type: text/plain", "Grip-Hold: response",
                    "Grip-Channel: " + seg[1], "Grip-Timeout: " + seg[2]), text(POLL_TIMEOUT_BODY));
            case "ws" -> webSocket(req, out, seg.length > 2 && seg[1].equals("sub") ? seg[2] : null);
            default -> respond(req, out, 404, List.of("Content-Type: text/plain"), text("no such path\n"));
        }
    }

    /** WebSocket-over-HTTP: answers one batch of events; {@code channel} != null = GRIP subscriber. */
    private static void webSocket(OriginRequest req, OutputStream out, String channel) throws IOException {
        if (!WsEvents.CONTENT_TYPE.equals(req.header("content-type"))) {
            respond(req, out, 400, List.of("Content-Type: text/plain"), text("expected websocket-events\n"));
            return;
        }
        List<WsEvents.Event> answer = new ArrayList<>();
        for (WsEvents.Event e : WsEvents.decode(req.body())) {
            switch (e.type()) {
                case "OPEN" -> {
                    answer.add(WsEvents.Event.of("OPEN"));
                    if (channel != null) {
                        answer.add(WsEvents.Event.text("c:{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}"));
                    }
                }
                case "TEXT", "BINARY" -> {
                    if (channel == null) {
                        answer.add(e);
                    }
                }
                case "CLOSE" -> answer.add(e);
                default -> {
                    // PING, PONG, DISCONNECT: nothing to answer
                }
            }
        }
        List<String> headers = new ArrayList<>(List.of("Content-Type: " + WsEvents.CONTENT_TYPE));
        if (channel != null) {
            headers.add("Sec-WebSocket-Extensions: grip");
        }
        respond(req, out, 200, headers, WsEvents.encode(answer));
    }

    private static void chunked(OutputStream out, int n) throws IOException {
        head(out, 200, List.of("Content-Type: application/octet-stream", "Transfer-Encoding: chunked"));
        for (int off = 0; off < n; off += CHUNK_BYTES) {
            int len = Math.min(CHUNK_BYTES, n - off);
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(Payload.bytes(off, len));
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A response with Content-Length; no body bytes after the head of a HEAD response. */
    private static void respond(OriginRequest req, OutputStream out, int status, List<String> headers, byte[] body)
            throws IOException {
        List<String> all = new ArrayList<>(headers);
        all.add("Content-Length: " + body.length);
        head(out, status, all);
        if (!req.method().equals("HEAD")) {
            out.write(body);
        }
    }

    private static void head(OutputStream out, int status, List<String> headers) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Error")
                .append("\r\n");
        headers.forEach(h -> sb.append(h).append("\r\n"));
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
