package io.condurejava.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key manager of the one server SSLContext: for each handshake it picks an identity for the SNI host
 * name in Condure's order (name, one-level wildcard, the listener's default-cert). Only sockets
 * registered with {@link #begin} are served; the registration carries the listener's default-cert and
 * the SNI name read from the ClientHello ({@link ClientHelloPeek}: the handshake session does not have
 * it yet when the JDK restores a session ticket), and collects a readable reason when no identity fits.
 * Aliases are {@link Identity#alias()}. Thread-safe; called on the handshaking (virtual) thread.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final IdentityCache cache;
    private final Map<Socket, Handshake> handshakes = new ConcurrentHashMap<>();

    /** One handshake in progress: its listener's default-cert and what was chosen or went wrong. */
    static final class Handshake {
        final String defaultCert;
        final String serverName;
        volatile boolean selected;
        volatile Identity identity;
        volatile String failure;

        Handshake(String defaultCert, String serverName) {
            this.defaultCert = defaultCert;
            this.serverName = serverName;
        }
    }

    SniKeyManager(IdentityCache cache) {
        this.cache = cache;
    }

    void begin(SSLSocket socket, String defaultCert, String serverName) {
        handshakes.put(socket, new Handshake(defaultCert, serverName));
    }

    /** Unregisters the socket; returns its handshake record. */
    Handshake end(SSLSocket socket) {
        return handshakes.remove(socket);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Handshake h = socket == null ? null : handshakes.get(socket);
        if (h == null) {
            return null;
        }
        if (!h.selected) {
            h.identity = select(h.serverName, h);
            h.selected = true;
        }
        Identity id = h.identity;
        return id != null && id.keyType().equals(keyType) ? id.alias() : null;
    }

    private Identity select(String serverName, Handshake h) {
        for (String name : IdentityNames.candidates(serverName, h.defaultCert)) {
            Identity id = cache.find(name);
            if (id != null) {
                return id;
            }
        }
        h.failure = serverName == null
                ? "client sent no server name and " + describeDefault(h.defaultCert)
                : "no certificate for server name " + serverName + " and " + describeDefault(h.defaultCert);
        return null;
    }

    private static String describeDefault(String defaultCert) {
        return defaultCert == null ? "the listener has no default-cert" : "default-cert " + defaultCert + " is unusable";
    }

    /** Not used: this server wraps sockets, never engines. */
    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Identity id = cache.byAlias(alias);
        return id == null ? null : id.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Identity id = cache.byAlias(alias);
        return id == null ? null : id.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
