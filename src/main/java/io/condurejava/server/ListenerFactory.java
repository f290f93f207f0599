package io.condurejava.server;

import io.condurejava.config.ListenMode;
import io.condurejava.config.ListenSpec;
import io.condurejava.config.LocalListen;
import io.condurejava.config.Settings;
import io.condurejava.config.TcpListen;
import io.condurejava.tls.TlsConfigException;
import io.condurejava.tls.TlsIdentities;
import io.condurejava.zmq.Outbox;
import io.condurejava.zmq.SessionDirectory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Semaphore;

/**
 * Builds the {@link ClientListener} for one {@code --listen} spec: the acceptor (TCP, TLS, Unix
 * socket) and the kind of connection (stream or req mode). Called once per spec at start-up.
 */
public final class ListenerFactory {
    private final Settings settings;
    private final SessionDirectory directory;
    private final Outbox outbox;
    private final Semaphore streamPermits;
    private final Semaphore reqPermits;
    private TlsIdentities identities;

    public ListenerFactory(Settings settings, SessionDirectory directory, Outbox outbox) {
        this.settings = settings;
        this.directory = directory;
        this.outbox = outbox;
        this.streamPermits = new Semaphore(settings.streamMaxconn());
        this.reqPermits = new Semaphore(settings.reqMaxconn());
    }

    /** Checks every TLS listener's identities before anything binds: missing dir or unusable default-cert stops start-up. */
    public void checkTls() throws TlsConfigException {
        for (ListenSpec spec : settings.listens()) {
            if (spec instanceof TcpListen tcp && tcp.tls()) {
                TlsIdentities identities = tlsIdentitiesChecked();
                if (tcp.defaultCert() != null) {
                    identities.requireIdentity(tcp.defaultCert());
                }
            }
        }
    }

    private TlsIdentities tlsIdentitiesChecked() throws TlsConfigException {
        if (identities == null) {
            identities = TlsIdentities.open(settings.tlsIdentitiesDir());
        }
        return identities;
    }

    private TlsIdentities tlsIdentities() throws IOException {
        try {
            return tlsIdentitiesChecked();
        } catch (TlsConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Binds the spec's socket (so start-up fails early on a busy port or bad path) without accepting yet. */
    public ClientListener create(ListenSpec spec) throws IOException {
        Acceptor acceptor = switch (spec) {
            case TcpListen tcp -> {
                if (tcp.tls()) {
                    TlsIdentities identities = tlsIdentities();
                    yield new TcpAcceptor(tcp.address(), plain -> new TlsClientSocket(plain, identities, tcp.defaultCert()));
                }
                yield new TcpAcceptor(tcp.address(), TcpClientSocket::new);
            }
            case LocalListen local -> new UnixAcceptor(local.path(), local.fileMode(), local.user(), local.group());
        };
        if (spec.mode() == ListenMode.REQ) {
            return new ClientListener(acceptor, reqPermits, (socket, id, liveThreads, onClose) ->
                    new ReqConnection(socket, id, settings, directory, outbox, liveThreads, onClose),
                    settings.streamTimeoutSeconds());
        }
        return new ClientListener(acceptor, streamPermits,
                (socket, id, liveThreads, onClose) -> new HttpConnection(socket, id, settings, directory, liveThreads, onClose),
                settings.streamTimeoutSeconds());
    }

    /** The bound TCP address of a listener (tests listen on port 0), or null for a Unix socket. */
    public static InetSocketAddress tcpAddress(ClientListener listener) {
        return listener.acceptor() instanceof TcpAcceptor tcp ? tcp.localAddress() : null;
    }
}
