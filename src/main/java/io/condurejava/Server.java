package io.condurejava;

import io.condurejava.config.ListenMode;
import io.condurejava.config.ListenSpec;
import io.condurejava.config.Settings;
import io.condurejava.config.TcpListen;
import io.condurejava.server.StreamListener;
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
import java.util.concurrent.Semaphore;
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
    private final List<StreamListener> listeners;

    private Server(ZmqHub hub, SessionDirectory directory, List<StreamListener> listeners) {
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
        ZmqHub hub;
        try {
            hub = new ZmqHub(new ZmqHub.Options(settings.id(), settings.zclientStream(), settings.zclientConnect(),
                    settings.ipcFileMode(), settings.zmqHwm()),
                    outbox, directory);
        } catch (IllegalArgumentException e) {
            throw new StartupException("failed to set zhttp client stream specs: " + e.getMessage());
        }
        try {
            hub.start();
        } catch (ZmqEndpointException e) {
            throw new StartupException("failed to set zhttp client stream specs: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting");
        }
        Semaphore streamPermits = new Semaphore(settings.streamMaxconn());
        List<StreamListener> listeners = new ArrayList<>();
        Server server = new Server(hub, directory, listeners);
        for (ListenSpec spec : settings.listens()) {
            if (!(spec instanceof TcpListen tcp) || tcp.mode() != ListenMode.STREAM || tcp.tls()) {
                server.close();
                throw new StartupException("listen spec not supported yet: " + spec);
            }
            try {
                listeners.add(new StreamListener(tcp.address(), settings, directory, streamPermits));
            } catch (IOException e) {
                server.close();
                throw new StartupException("failed to bind " + tcp.address() + ": " + e.getMessage());
            }
        }
        listeners.forEach(StreamListener::start);
        return server;
    }

    /** The bound address of each listener, in --listen order (tests listen on port 0). */
    public List<InetSocketAddress> listenAddresses() {
        return listeners.stream().map(StreamListener::localAddress).toList();
    }

    public int liveConnections() {
        return listeners.stream().mapToInt(StreamListener::liveConnections).sum();
    }

    /** Connection threads (session and reader) still running; back to 0 when every client is gone. */
    public int liveConnectionThreads() {
        return listeners.stream().mapToInt(StreamListener::liveThreads).sum();
    }

    public int liveSessions() {
        return directory.size();
    }

    @Override
    public void close() {
        listeners.forEach(StreamListener::close);
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
