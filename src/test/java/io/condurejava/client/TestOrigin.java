package io.condurejava.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTP/1.1 origin for client-mode tests, independent of the production codec: one virtual
 * thread per connection, one request per connection. Paths: {@code /hello} (fixed body),
 * {@code /echo} (the request head as body), {@code /chunked} (three chunks), {@code /download/N}
 * (N pseudo-random bytes, see {@link #content}), {@code /upload} (answers sha-256 and length of the
 * body, Content-Length or chunked), {@code /slow} (five 4-byte pieces, each written when the test releases a {@link #slowPieces} permit), {@code /drop}
 * (promises 100000 bytes, sends 1000, closes), {@code /silent} (never answers), and for redirects
 * {@code /to/CODE?LOCATION} (answers CODE with everything after the first {@code ?} as Location),
 * {@code /loop/N} (N redirects to {@code /loop/N-1}, then {@code done}) and {@code /inspect}
 * (answers {@link #inspect}). Every request body is read before the answer.
 */
final class TestOrigin implements AutoCloseable {
    static final long CONTENT_SEED = 6;
    static final String HELLO = "hello from the origin\n";
    private static final byte[] REDIRECT_BODY = "this resource moved\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SLOW_PIECES = 5;
    private static final long SLOW_PIECE_WAIT_SECONDS = 10;
    /** Permits for {@code /slow}: one per piece the origin may write next. */
    final java.util.concurrent.Semaphore slowPieces = new java.util.concurrent.Semaphore(0);

    private final ServerSocket server;
    final AtomicInteger connectionsClosed = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();

    TestOrigin(InetAddress bind, SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket(0, 50, bind)
                : tls.getServerSocketFactory().createServerSocket(0, 50, bind);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The deterministic body of {@code /download/N}. */
    static byte[] content(int size) {
        byte[] b = new byte[size];
        new Random(CONTENT_SEED).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            String head = readHead(in);
            String[] line = head.substring(0, head.indexOf("\r\n")).split(" ");
            String path = line[1];
            if (path.startsWith("/to/")) {
                readBody(in, head);
                int query = path.indexOf('?');
                respond(out, path.substring("/to/".length(), query) + " Redirect", "Location: " + path.substring(query + 1)
                        + "\r\n", REDIRECT_BODY);
            } else if (path.startsWith("/loop/")) {
                readBody(in, head);
                int left = Integer.parseInt(path.substring("/loop/".length()));
                if (left > 0) {
                    respond(out, "302 Found", "Location: /loop/" + (left - 1) + "\r\n", REDIRECT_BODY);
                } else {
                    respond(out, "200 OK", "", "done".getBytes(StandardCharsets.US_ASCII));
                }
            } else if (path.equals("/inspect")) {
                respond(out, "200 OK", "", inspect(line[0], readBody(in, head), head).getBytes(StandardCharsets.ISO_8859_1));
            } else if (path.equals("/hello")) {
                respond(out, "200 OK", "Content-Type: text/plain\r\n", HELLO.getBytes(StandardCharsets.US_ASCII));
            } else if (path.startsWith("/echo")) {
                respond(out, "200 OK", "", head.getBytes(StandardCharsets.ISO_8859_1));
            } else if (path.equals("/chunked")) {
                out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nfirst\r\n7;ext=1\r\n-second\r\n6\r\n-third\r\n0\r\nX-Trailer: t\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            } else if (path.startsWith("/download/")) {
                respond(out, "200 OK", "", content(Integer.parseInt(path.substring("/download/".length()))));
            } else if (path.equals("/upload")) {
                byte[] body = readBody(in, head);
                respond(out, "201 Created", "", (sha256(body) + " " + body.length + " "
                        + (header(head, "transfer-encoding") != null ? "chunked" : "length")).getBytes(StandardCharsets.US_ASCII));
            } else if (path.equals("/slow")) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + SLOW_PIECES * 4 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < SLOW_PIECES; i++) {
                    // each piece waits for the test's go: it proves the previous one was streamed on
                    if (!slowPieces.tryAcquire(SLOW_PIECE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                        return; // the test gave up; drop the connection
                    }
                    out.write(("sl" + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } else if (path.equals("/drop")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[1000]);
                out.flush();
            } else if (path.equals("/silent")) {
                while (in.read() >= 0) {
                    // wait for the client to give up
                }
            } else {
                respond(out, "404 Not Found", "", new byte[0]);
            }
            out.flush();
        } catch (Exception e) {
            // the client went away; the test asserts on what it received
        } finally {
            connectionsClosed.incrementAndGet();
        }
    }

    /**
     * What {@code /inspect} answers: {@code METHOD SHA256 LENGTH ct=.. cl=.. te=.. host=.. auth=.. cookie=..}
     * ({@code -} for an absent field).
     */
    static String inspect(String method, byte[] body, String head) throws Exception {
        return method + " " + sha256(body) + " " + body.length + " ct=" + orDash(header(head, "content-type"))
                + " cl=" + orDash(header(head, "content-length")) + " te=" + orDash(header(head, "transfer-encoding"))
                + " host=" + orDash(header(head, "host")) + " auth=" + orDash(header(head, "authorization"))
                + " cookie=" + orDash(header(head, "cookie"));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static void respond(OutputStream out, String status, String headers, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in head");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    static String header(String head, String name) {
        for (String l : head.split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
                return l.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static byte[] readBody(InputStream in, String head) throws IOException {
        String length = header(head, "content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        if (header(head, "transfer-encoding") == null) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt(semi < 0 ? sizeLine : sizeLine.substring(0, semi), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("EOF in chunked body");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
