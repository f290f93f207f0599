package io.condurejava.pushpin;

import io.condurejava.testutil.RawClient;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plain proxying through Pushpin to {@link GripOrigin}, with raw sockets. Each scenario asserts what a
 * client must see and returns a one-line observation for comparing connection managers. Test thread.
 */
final class ProxyScenarios {
    static final int LARGE_BYTES = 20 * 1024 * 1024;
    static final int CHUNKED_BYTES = 3_000_000;
    static final int CONTINUE_BYTES = 1024 * 1024;
    private static final int UPLOAD_CHUNK_BYTES = 100_003;

    private ProxyScenarios() {
    }

    /** The response head as one line, without the Date field (it differs between runs). */
    static String head(String rawHead) {
        return String.join(" / ", rawHead.lines().filter(l -> !l.isEmpty())
                .filter(l -> !l.regionMatches(true, 0, "Date:", 0, 5)).toList());
    }

    private static String get(String path, int port) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    /** GET, HEAD, GET on one connection: HEAD has the length but no body bytes. */
    static String getAndHead(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            RawClient.Response get = c.send(get("/hello", port)).readResponse();
            assertEquals(200, get.status(), get.rawHead());
            assertEquals(GripOrigin.HELLO, get.bodyText());
            RawClient.Response head = c.send("HEAD /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readResponse(true);
            assertEquals(200, head.status(), head.rawHead());
            RawClient.Response again = c.send(get("/hello", port)).readResponse();
            assertEquals(GripOrigin.HELLO, again.bodyText(), "no HEAD body bytes leaked into the next response");
            return "GET [" + head(get.rawHead()) + "] HEAD [" + head(head.rawHead()) + "] GET " + again.status();
        }
    }

    /** A 20 MiB body with Content-Length arrives intact (hash checked by the origin). */
    static String upload(int port, String method) throws IOException {
        byte[] body = Payload.bytes(LARGE_BYTES);
        try (RawClient c = new RawClient(port)) {
            c.send(method + " /hash HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n");
            c.send(body);
            RawClient.Response r = c.readResponse();
            assertEquals(200, r.status(), r.rawHead());
            assertEquals(method + " " + body.length + " " + Payload.sha256(body) + "\n", r.bodyText());
            return "[" + head(r.rawHead()) + "] " + r.bodyText().strip();
        }
    }

    /** A chunked request body arrives intact. */
    static String chunkedUpload(int port) throws IOException {
        byte[] body = Payload.bytes(CHUNKED_BYTES);
        try (RawClient c = new RawClient(port)) {
            c.send("POST /hash HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            OutputStream out = c.socket().getOutputStream();
            for (int off = 0; off < body.length; off += UPLOAD_CHUNK_BYTES) {
                int len = Math.min(UPLOAD_CHUNK_BYTES, body.length - off);
                out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, off, len);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawClient.Response r = c.readResponse();
            assertEquals(200, r.status(), r.rawHead());
            assertEquals("POST " + body.length + " " + Payload.sha256(body) + "\n", r.bodyText());
            return "[" + head(r.rawHead()) + "] " + r.bodyText().strip();
        }
    }

    /** A response body of {@code length} bytes from {@code /bytes/N} or {@code /chunked/N} arrives intact. */
    static String download(int port, String kind, int length) throws IOException {
        try (RawClient c = new RawClient(port)) {
            RawClient.Response r = c.send(get("/" + kind + "/" + length, port)).readResponse();
            assertEquals(200, r.status(), r.rawHead());
            assertEquals(length, r.body().length, "body length");
            assertEquals(Payload.sha256OfPayload(length), Payload.sha256(r.body()), "body hash");
            return "[" + head(r.rawHead()) + "] " + r.body().length;
        }
    }

    /** Two requests one after the other, then three pipelined in one write, all on one connection. */
    static String keepAliveAndPipelining(int port) throws IOException {
        List<String> bodies = new ArrayList<>();
        try (RawClient c = new RawClient(port)) {
            for (int k = 1; k <= 2; k++) {
                RawClient.Response r = c.send(get("/seq/" + k, port)).readResponse();
                assertEquals(200, r.status(), r.rawHead());
                bodies.add(r.bodyText().strip());
            }
            c.send(get("/seq/3", port) + get("/seq/4", port) + get("/seq/5", port));
            for (int k = 3; k <= 5; k++) {
                RawClient.Response r = c.readResponse();
                assertEquals(200, r.status(), r.rawHead());
                bodies.add(r.bodyText().strip());
            }
        }
        assertEquals(List.of("response 1", "response 2", "response 3", "response 4", "response 5"), bodies);
        return String.join(",", bodies);
    }

    /** {@code Expect: 100-continue}: the interim 100 comes before any body byte is sent, then the result. */
    static String expectContinue(int port) throws IOException {
        byte[] body = Payload.bytes(CONTINUE_BYTES);
        try (RawClient c = new RawClient(port)) {
            c.send("POST /hash HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            RawClient.Response interim = c.readResponse();
            assertEquals(100, interim.status(), interim.rawHead());
            c.send(body);
            RawClient.Response r = c.readResponse();
            assertEquals(200, r.status(), r.rawHead());
            assertEquals("POST " + body.length + " " + Payload.sha256(body) + "\n", r.bodyText());
            return "[" + head(interim.rawHead()) + "] then [" + head(r.rawHead()) + "] " + r.bodyText().strip();
        }
    }
}
