package io.condurejava.tls;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TLS server as the real one will use {@link TlsIdentities}: a virtual thread accepts plain sockets on
 * 127.0.0.1:0, each connection gets a virtual thread that calls {@link TlsIdentities#accept} and then
 * echoes one line (or answers one HTTP request with a fixed 200). Accept failures and the server-side
 * view of each handshake are queued for the test. Test fixture.
 */
final class TlsTestServer implements AutoCloseable {
    static final String HTTP_BODY = "hello over tls\n";

    /** What the server saw of a successful handshake. */
    record Accepted(String serverName, String applicationProtocol, int soTimeoutAfter) {
    }

    final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final TlsIdentities identities;
    private final String defaultCert;
    private final boolean http;
    private final ServerSocket serverSocket;
    private final Thread acceptor;

    TlsTestServer(TlsIdentities identities, String defaultCert, boolean http) throws IOException {
        this.identities = identities;
        this.defaultCert = defaultCert;
        this.http = http;
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = Thread.ofVirtual().name("tls-test-accept").start(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket plain = serverSocket.accept();
                Thread.ofVirtual().name("tls-test-conn").start(() -> serve(plain));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket plain) {
        try (SSLSocket tls = identities.accept(plain, defaultCert)) {
            accepted.add(new Accepted(TlsIdentities.serverName(tls), tls.getApplicationProtocol(), tls.getSoTimeout()));
            BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = tls.getOutputStream();
            if (http) {
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    // skip the request head
                }
                byte[] body = HTTP_BODY.getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } else {
                String line = in.readLine();
                out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
