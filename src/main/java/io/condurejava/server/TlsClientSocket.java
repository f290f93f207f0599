package io.condurejava.server;

import io.condurejava.tls.TlsIdentities;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A client connection on a TLS listener: the handshake (certificate chosen by SNI) runs in
 * {@link #handshake} on the connection's own virtual thread; afterwards it behaves like a TCP
 * connection whose scheme is {@code https}.
 */
final class TlsClientSocket implements ClientSocket {
    private final Socket plain;
    private final TlsIdentities identities;
    private final String defaultCert;
    private volatile SSLSocket tls;

    TlsClientSocket(Socket plain, TlsIdentities identities, String defaultCert) throws IOException {
        this.plain = plain;
        this.identities = identities;
        this.defaultCert = defaultCert;
        plain.setTcpNoDelay(true);
        plain.setKeepAlive(true);
    }

    @Override
    public void handshake() throws IOException {
        tls = identities.accept(plain, defaultCert); // logs and closes on failure
    }

    @Override
    public InputStream input() throws IOException {
        return tls.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return tls.getOutputStream();
    }

    @Override
    public String peerAddress() {
        return PeerAddress.format(plain.getInetAddress());
    }

    @Override
    public int peerPort() {
        return plain.getPort();
    }

    @Override
    public String scheme() {
        return "https";
    }

    @Override
    public void shutdownOutput() throws IOException {
        tls.close(); // TLS has no half-close; close_notify then close
    }

    @Override
    public void close() {
        try {
            if (tls != null) {
                tls.close();
            } else {
                plain.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }
}
