package io.condurejava.tls;

import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The acceptor profile, close to Mozilla's "intermediate" that Condure gets from OpenSSL: TLS 1.3 and
 * 1.2 only; TLS 1.3 suites plus ECDHE/DHE key exchange with AES-GCM or ChaCha20-Poly1305 for 1.2, in
 * the JDK's default order; ALPN {@code http/1.1}. Pure; any thread.
 */
final class TlsProfile {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** ALPN protocols the server speaks, most preferred first (h2 would go first here). */
    static final List<String> APPLICATION_PROTOCOLS = List.of("http/1.1");
    private static final Pattern ALLOWED_SUITES = Pattern.compile(
            "TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
                    + "|(ECDHE_(ECDSA|RSA)|DHE_RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)"
                    + "|EMPTY_RENEGOTIATION_INFO_SCSV)");

    /**
     * Accepts every host name. Without any matcher the JDK records no negotiated name in the session and
     * so lets a TLS 1.2 client resume a session made for another name (RFC 6066 §3 forbids it); with
     * this one it refuses, and the key manager still decides which names have a certificate.
     */
    private static final SNIMatcher ANY_HOST_NAME = new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
        @Override
        public boolean matches(SNIServerName serverName) {
            return true;
        }
    };

    private TlsProfile() {
    }

    static SSLParameters parameters(SSLContext context) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS.clone());
        p.setCipherSuites(Arrays.stream(p.getCipherSuites()).filter(TlsProfile::allowed).toArray(String[]::new));
        p.setNeedClientAuth(false);
        p.setWantClientAuth(false);
        p.setSNIMatchers(List.of(ANY_HOST_NAME));
        return p;
    }

    static boolean allowed(String cipherSuite) {
        return ALLOWED_SUITES.matcher(cipherSuite).matches();
    }

    /**
     * ALPN choice: the first of ours the client offers; none offered → no ALPN in the reply (like
     * OpenSSL's NOACK: the handshake goes on and the client may still speak HTTP/1.1).
     */
    static String selectApplicationProtocol(SSLSocket socket, List<String> offered) {
        for (String p : APPLICATION_PROTOCOLS) {
            if (offered.contains(p)) {
                return p;
            }
        }
        return "";
    }
}
