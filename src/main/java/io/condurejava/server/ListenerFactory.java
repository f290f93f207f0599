package io.condurejava.server;

import io.condurejava.config.ListenMode;
import io.condurejava.config.ListenSpec;
import io.condurejava.config.LocalListen;
import io.condurejava.config.Settings;
import io.condurejava.config.TcpListen;
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
    private final Semaphore streamPermits;

    public ListenerFactory(Settings settings, SessionDirectory directory) {
        this.settings = settings;
        this.directory = directory;
        this.streamPermits = new Semaphore(settings.streamMaxconn());
    }

    /** Binds the spec's socket (so start-up fails early on a busy port or bad path) without accepting yet. */
    public ClientListener create(ListenSpec spec) throws IOException {
        if (spec.mode() != ListenMode.STREAM) {
            throw new IOException("req mode is not available yet");
        }
        Acceptor acceptor = switch (spec) {
            case TcpListen tcp -> {
                if (tcp.tls()) {
                    throw new IOException("tls is not available yet");
                }
                yield new TcpAcceptor(tcp.address(), TcpClientSocket::new);
            }
            case LocalListen local -> new UnixAcceptor(local.path(), local.fileMode(), local.user(), local.group());
        };
        return new ClientListener(acceptor, streamPermits,
                (socket, id, liveThreads, onClose) -> new HttpConnection(socket, id, settings, directory, liveThreads, onClose),
                settings.streamTimeoutSeconds());
    }

    /** The bound TCP address of a listener (tests listen on port 0), or null for a Unix socket. */
    public static InetSocketAddress tcpAddress(ClientListener listener) {
        return listener.acceptor() instanceof TcpAcceptor tcp ? tcp.localAddress() : null;
    }
}
