package io.condurejava;

import io.condurejava.client.ClientMode;
import io.condurejava.config.ListenMode;
import io.condurejava.config.ListenSpec;
import io.condurejava.config.Settings;
import io.condurejava.config.TcpListen;
import io.condurejava.config.LocalListen;
import io.condurejava.server.ClientListener;
import io.condurejava.server.ListenerFactory;
import io.condurejava.tls.TlsConfigException;
import io.condurejava.zmq.Outbox;
import io.condurejava.zmq.SessionDirectory;
import io.condurejava.zmq.ZmqHub;
import io.condurejava.zmq.ipc.ZmqEndpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The running server: starts the ZeroMQ hub, then the listeners, and stops them in the reverse order.
 * Started by {@link Main} (or by tests, in-process); its methods are called from the starting thread
 * and the shutdown hook.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("server");

    private final ZmqHub hub;
    private final SessionDirectory directory;
    private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(2);
    private static final long SHUTDOWN_POLL_MILLIS = 20;

    private final List<ClientListener> listeners;
    private final ClientMode clientMode; // --zserver-stream / --zserver-req (issue #6); null when not configured

    private Server(ZmqHub hub, SessionDirectory directory, List<ClientListener> listeners, ClientMode clientMode) {
        this.clientMode = clientMode;
        this.hub = hub;
        this.directory = directory;
        this.listeners = listeners;
    }

    /** Starts everything the settings ask for; on failure stops what started and throws with a one-line reason. */
    public static Server start(Settings settings) throws StartupException {
        int queueCapacity = settings.zmqQueueSize() > 0 ? settings.zmqQueueSize() : settings.zmqHwm();
        Outbox outbox = new Outbox(queueCapacity);
        SessionDirectory directory = new SessionDirectory(settings.id(), outbox,
                TimeUnit.SECONDS.toNanos(settings.keepAliveIntervalSeconds()),
                TimeUnit.SECONDS.toNanos(settings.sessionTimeoutSeconds()));
        ClientMode clientMode = null;
        if (!settings.zserverStream().isEmpty() || !settings.zserverReq().isEmpty()) {
            try {
                clientMode = ClientMode.create(settings, outbox);
            } catch (IllegalArgumentException e) {
                throw new StartupException("failed to set zhttp server stream specs: " + e.getMessage());
            } catch (java.security.GeneralSecurityException | IOException e) {
                throw new StartupException("failed to load the TLS trust store for client mode: " + e.getMessage());
            }
        }
        ZmqHub hub;
        try {
            // Condure binds only what some listener uses: the stream sockets for stream listeners, the DEALER for req ones.
            boolean stream = settings.listens().stream().anyMatch(l -> l.mode() == ListenMode.STREAM);
            boolean req = settings.listens().stream().anyMatch(l -> l.mode() == ListenMode.REQ);
            hub = new ZmqHub(new ZmqHub.Options(settings.id(), stream ? settings.zclientStream() : List.of(),
                    req ? settings.zclientReq() : List.of(), settings.zclientConnect(), settings.ipcFileMode(),
                    settings.zmqHwm(), settings.nativeZmtp()), outbox, directory, clientMode == null ? null : clientMode.channel());
        } catch (IllegalArgumentException e) {
            throw new StartupException("failed to set zhttp client stream specs: " + e.getMessage());
        }
        try {
            hub.start();
        } catch (ZmqEndpointException e) {
            if (clientMode != null) {
                clientMode.close();
            }
            throw new StartupException("failed to set zhttp client stream specs: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
        List<ClientListener> listeners = new ArrayList<>();
        Server server = new Server(hub, directory, listeners, clientMode);
        ListenerFactory factory = new ListenerFactory(settings, directory, outbox);
        try {
            factory.checkTls();
        } catch (TlsConfigException e) {
            server.close();
            throw new StartupException(e.getMessage());
        }
        for (ListenSpec spec : settings.listens()) {
            try {
                listeners.add(factory.create(spec));
            } catch (IOException e) {
                server.close();
                throw new StartupException("failed to bind " + describe(spec) + ": " + e.getMessage());
            }
        }
        listeners.forEach(ClientListener::start);
        return server;
    }

    private static String describe(ListenSpec spec) {
        return switch (spec) {
            case TcpListen tcp -> tcp.hostPort();
            case LocalListen local -> local.path().toString();
        };
    }

    /** The bound address of each TCP listener, in --listen order (tests listen on port 0). */
    public List<InetSocketAddress> listenAddresses() {
        return listeners.stream().map(ListenerFactory::tcpAddress).filter(Objects::nonNull).toList();
    }

    public int liveConnections() {
        return listeners.stream().mapToInt(ClientListener::liveConnections).sum();
    }

    /** Connection threads (session and reader) still running; back to 0 when every client is gone. */
    public int liveConnectionThreads() {
        return listeners.stream().mapToInt(ClientListener::liveThreads).sum();
    }

    public int liveSessions() {
        return directory.size();
    }

    /** Times the ZeroMQ thread woke from its sleep (a health figure: it stays low while nothing happens). */
    public long zmqThreadWakeUps() {
        return hub.wakeUps();
    }

    /** Client-mode (outgoing) sessions in progress; 0 without --zserver-stream. */
    public int liveClientSessions() {
        return clientMode == null ? 0 : clientMode.liveSessions();
    }

    /**
     * Graceful stop: accept nothing more (Unix socket files go), let connections between requests
     * close and exchanges in progress finish for up to {@code grace}; then end the rest (cancel to
     * handlers, 1001 to WebSocket clients), and stop the ZeroMQ side once what is queued has gone out.
     */
    public void stopGracefully(Duration grace) {
        listeners.forEach(ClientListener::stopAccepting);
        listeners.forEach(ClientListener::stopConnectionsWhenIdle);
        if (liveConnections() > 0) {
            log.info("waiting up to {} s for {} connection(s) to finish", grace.toSeconds(), liveConnections());
        }
        if (!waitForConnections(grace)) {
            log.info("{} connection(s) still busy after {} s; ending them", liveConnections(), grace.toSeconds());
            listeners.forEach(ClientListener::stopConnectionsNow);
            waitForConnections(FORCED_STOP_WAIT);
        }
        close();
    }

    private boolean waitForConnections(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (liveConnections() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(SHUTDOWN_POLL_MILLIS); // shutdown only: poll the connection count
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return liveConnections() == 0;
    }

    @Override
    public void close() {
        listeners.forEach(ClientListener::close);
        if (clientMode != null) {
            clientMode.close(); // client mode (issue #6): cancels go out before the hub stops
        }
        try {
            hub.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A start-up failure with a one-line message for the operator. */
    public static final class StartupException extends Exception {
        public StartupException(String message) {
            super(message);
        }
    }
}
