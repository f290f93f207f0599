package io.condurejava.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The TLS identities of one {@code --tls-identities-dir}, shared by all TLS listeners: identity NAME is
 * {@code NAME.crt} + {@code NAME.key}, loaded on first use and reloaded when a file's mtime changes,
 * chosen per handshake by SNI (see {@link IdentityNames}). One SSLContext serves every identity.
 * Thread-safe; {@link #accept} runs the handshake on the calling (virtual) thread.
 */
public final class TlsIdentities {
    /** Read timeout while handshaking: a silent client is dropped after this. */
    public static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger("tls");

    private final Path dir;
    private final IdentityCache cache;
    private final SniKeyManager keyManager;
    private final SSLSocketFactory factory;
    private final SSLParameters parameters;

    private TlsIdentities(Path dir, long reloadCheckIntervalMillis) throws TlsConfigException {
        this.dir = dir;
        this.cache = new IdentityCache(dir, reloadCheckIntervalMillis);
        this.keyManager = new SniKeyManager(cache);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            this.factory = context.getSocketFactory();
            this.parameters = TlsProfile.parameters(context);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(dir, "cannot set up TLS: " + e, e);
        }
    }

    /** Opens the identities directory; it must exist and be readable. Nothing is loaded yet. */
    public static TlsIdentities open(Path dir) throws TlsConfigException {
        return open(dir, IdentityCache.RELOAD_CHECK_INTERVAL_MILLIS);
    }

    static TlsIdentities open(Path dir, long reloadCheckIntervalMillis) throws TlsConfigException {
        if (!Files.isDirectory(dir)) {
            throw new TlsConfigException(dir, "tls identities dir " + dir + " not found or not a directory");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new TlsConfigException(dir, "tls identities dir " + dir + " is not readable");
        }
        return new TlsIdentities(dir, reloadCheckIntervalMillis);
    }

    /** The identities directory. */
    public Path dir() {
        return dir;
    }

    /**
     * Start-up check of a listener's default-cert: both files exist and parse, and the key matches the
     * certificate. The message of the exception names the file at fault.
     */
    public void requireIdentity(String name) throws TlsConfigException {
        if (!IdentityNames.isValid(name)) {
            throw new TlsConfigException(dir, "invalid tls identity name '" + name
                    + "' (1 to 253 characters, no '/' or control characters)");
        }
        cache.require(name);
    }

    /**
     * Wraps an accepted socket as a server-side TLS socket for a listener with this default-cert (null:
     * none) and runs the handshake on the calling thread, at most {@link #HANDSHAKE_TIMEOUT_MILLIS}
     * between reads; the socket's own read timeout is restored afterwards. ALPN offers http/1.1.
     * On failure (plaintext client, no certificate for the SNI name and no default, timeout, ...) it logs
     * one line, closes the socket and throws.
     */
    public SSLSocket accept(Socket plain, String defaultCert) throws IOException {
        Object peer = plain.getRemoteSocketAddress();
        SSLSocket tls = null;
        SniKeyManager.Handshake h = null;
        try {
            int previousTimeout = plain.getSoTimeout();
            plain.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            ClientHelloPeek.Peeked hello = ClientHelloPeek.read(plain.getInputStream());
            tls = (SSLSocket) factory.createSocket(plain, new ByteArrayInputStream(hello.consumed()), true);
            tls.setSSLParameters(parameters);
            tls.setHandshakeApplicationProtocolSelector(TlsProfile::selectApplicationProtocol);
            keyManager.begin(tls, defaultCert, hello.serverName());
            tls.startHandshake();
            h = keyManager.end(tls);
            tls.setSoTimeout(previousTimeout);
            return tls;
        } catch (IOException | RuntimeException e) {
            if (h == null && tls != null) {
                h = keyManager.end(tls);
            }
            String reason = h != null && h.failure != null ? h.failure : String.valueOf(e.getMessage());
            log.info("tls handshake with {} failed: {}", peer, reason);
            closeQuietly(tls != null ? tls : plain);
            if (h != null && h.failure != null) {
                SSLHandshakeException clear = new SSLHandshakeException(h.failure);
                clear.initCause(e);
                throw clear;
            }
            throw e;
        }
    }

    /**
     * The SNI host name the client sent (as sent, not lower-cased), after a handshake; null if none. On a
     * resumed session it is the name of the original handshake, which the JDK requires to be the same.
     */
    public static String serverName(SSLSocket socket) {
        return IdentityNames.requestedHostName(socket.getSession());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the handshake already failed; nothing more to report
        }
    }
}
