package io.condurejava.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 origin that keeps connections open, for the origin pool tests: numbers its
 * connections (from 1) and answers each request with {@code conn=N req=M}. Paths: {@code /ka}
 * (Content-Length), {@code /ka/chunked} (chunked), {@code /ka/close} ({@code Connection: close},
 * then closes), {@code /ka/http10} (an HTTP/1.0 answer), {@code /ka/hangup} (answers, then closes
 * the idle connection at once), {@code /ka/redirect} and {@code /ka/redirect/chunked} (302 / 307 to
 * {@code /ka} with a Content-Length / chunked body), {@code /ka/once} (answers; the next request on that connection is
 * read and the connection closed without an answer), anything else after a request body
 * (Content-Length) is read. One virtual thread per connection.
 */
final class KeepAliveOrigin implements AutoCloseable {
    private final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();

    KeepAliveOrigin(InetAddress bind, SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket(0, 50, bind)
                : tls.getServerSocketFactory().createServerSocket(0, 50, bind);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int n = accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int conn) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            boolean hangUpOnNext = false;
            for (int req = 1; ; req++) {
                String head = readHead(in);
                if (head == null || hangUpOnNext) {
                    return;
                }
                String length = TestOrigin.header(head, "content-length");
                if (length != null) {
                    in.readNBytes(Integer.parseInt(length));
                }
                String path = head.substring(0, head.indexOf("\r\n")).split(" ")[1];
                String body = "conn=" + conn + " req=" + req;
                switch (path) {
                    case "/ka/chunked" -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
                    case "/ka/close" -> {
                        write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                        return;
                    }
                    case "/ka/redirect" -> write(out, "HTTP/1.1 302 Found\r\nLocation: /ka\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body);
                    case "/ka/redirect/chunked" -> write(out, "HTTP/1.1 307 Temporary Redirect\r\nLocation: /ka\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                            + "\r\n0\r\n\r\n");
                    case "/ka/http10" -> write(out, "HTTP/1.0 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                    case "/ka/hangup" -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                        return;
                    }
                    default -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                        hangUpOnNext = path.equals("/ka/once");
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next request head, or null at EOF before one. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
