package io.condurejava.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A JDK TLS client trusting only the test CA, with the SNI name and ALPN list chosen per call; it sends
 * one line and reads the echo. No host-name check, so tests see which certificate was served. Test
 * fixture; any thread.
 */
final class TlsTestClient {
    static final int CLIENT_TIMEOUT_MILLIS = 10_000;

    /** What the client saw: the served leaf's CN, the ALPN result and the echoed line. */
    record Result(String servedCn, String applicationProtocol, String echo, String protocol, byte[] sessionId,
                  int chainLength) {
    }

    private final TrustManagerFactory trust;
    private final boolean resume;
    private SSLContext shared;

    /** A client that never resumes a TLS session: each exchange is a full handshake. */
    TlsTestClient(Path caCert) throws IOException, GeneralSecurityException {
        this(caCert, false);
    }

    /** With {@code resume}, one client session cache serves all exchanges, as a browser's would. */
    TlsTestClient(Path caCert, boolean resume) throws IOException, GeneralSecurityException {
        this.resume = resume;
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        this.trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        this.trust.init(trust);
    }

    private synchronized SSLContext context() throws IOException {
        if (shared != null) {
            return shared;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            if (resume) {
                shared = context;
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Handshakes with SNI {@code serverName} (null: none), offering {@code alpn} (none if empty), echoes a line. */
    Result exchange(int port, String serverName, String... alpn) throws IOException {
        return exchange(port, serverName, List.of(alpn), null);
    }

    /** As {@link #exchange(int, String, String...)}, enabling only {@code protocols} (null: the defaults). */
    Result exchange(int port, String serverName, List<String> alpn, List<String> protocols) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CLIENT_TIMEOUT_MILLIS);
        try (SSLSocket s = (SSLSocket) context().getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            s.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(serverName == null ? List.<SNIServerName>of() : List.of(new SNIHostName(serverName)));
            if (protocols != null) {
                p.setProtocols(protocols.toArray(String[]::new));
            }
            if (!alpn.isEmpty()) {
                p.setApplicationProtocols(alpn.toArray(String[]::new));
            }
            s.setSSLParameters(p);
            s.startHandshake();
            X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
            String cn = leaf.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String echo = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return new Result(cn, s.getApplicationProtocol(), echo, s.getSession().getProtocol(), s.getSession().getId(),
                    s.getSession().getPeerCertificates().length);
        }
    }
}
