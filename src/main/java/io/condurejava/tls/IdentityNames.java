package io.condurejava.tls;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identity names and Condure's lookup order for a handshake with SNI host H: H lower-cased, then the
 * one-level wildcard {@code _} + H from its first dot ({@code www.example.com} → {@code _.example.com}),
 * then the listener's default-cert. Pure; any thread.
 */
final class IdentityNames {
    /** Longest identity name (the longest DNS name). */
    static final int MAX_NAME_CHARS = 253;
    static final String WILDCARD_PREFIX = "_";

    private IdentityNames() {
    }

    /** Whether NAME may name files in the identities dir: 1..253 chars, no control char, no '/'. */
    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Names to try in order; {@code serverName} and {@code defaultCert} may be null. Invalid names are skipped. */
    static List<String> candidates(String serverName, String defaultCert) {
        List<String> out = new ArrayList<>(3);
        if (serverName != null) {
            String host = serverName.toLowerCase(Locale.ROOT);
            if (isValid(host)) {
                out.add(host);
                int dot = host.indexOf('.');
                if (dot > 0 && dot < host.length() - 1) {
                    out.add(WILDCARD_PREFIX + host.substring(dot));
                }
            }
        }
        if (isValid(defaultCert) && !out.contains(defaultCert)) {
            out.add(defaultCert);
        }
        return out;
    }

    /** The SNI host name requested in {@code session}, or null when the client sent none. */
    static String requestedHostName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return null;
        }
        for (SNIServerName n : extended.getRequestedServerNames()) {
            if (n instanceof SNIHostName host) {
                return host.getAsciiName();
            }
            if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                try {
                    return new SNIHostName(n.getEncoded()).getAsciiName();
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
