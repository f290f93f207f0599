package io.condurejava.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The two TLS client contexts of client mode: one verifying against the JDK's trusted CAs plus the
 * PEM certificates named by the system property {@value #CA_FILE_PROPERTY} (optional; for private
 * CAs), one accepting any certificate ({@code ignore-tls-errors}). Built once at start; any thread.
 */
final class ClientTls {
    /** System property naming a PEM file of extra CA certificates trusted for outgoing TLS. */
    static final String CA_FILE_PROPERTY = "condurejava.client.ca-file";

    private final SSLContext verifying;
    private final SSLContext trustAll;

    private ClientTls(SSLContext verifying, SSLContext trustAll) {
        this.verifying = verifying;
        this.trustAll = trustAll;
    }

    /** Loads the JDK's trust anchors and those of {@value #CA_FILE_PROPERTY} if set. */
    static ClientTls load() throws GeneralSecurityException, IOException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int n = 0;
        for (TrustManager tm : jdk.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                for (X509Certificate c : x509.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("jdk-" + n++, c);
                }
            }
        }
        String caFile = System.getProperty(CA_FILE_PROPERTY);
        if (caFile != null && !caFile.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.setCertificateEntry("extra-" + n++, c);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext verifying = SSLContext.getInstance("TLS");
        verifying.init(null, tmf.getTrustManagers(), null);
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new AcceptAll()}, null);
        return new ClientTls(verifying, trustAll);
    }

    SSLContext context(boolean ignoreTlsErrors) {
        return ignoreTlsErrors ? trustAll : verifying;
    }

    /** Accepts every server certificate: only for requests with {@code ignore-tls-errors}. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        private static final X509Certificate[] NONE = new X509Certificate[0];

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return NONE;
        }
    }
}
