package io.condurejava.server;

import io.condurejava.config.Settings;
import io.condurejava.zmq.SessionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP listener in stream mode. Its accept loop runs on a virtual thread and calls accept() only
 * while a connection permit is free (--stream-maxconn), so extra clients wait in the kernel backlog
 * as with Condure; each accepted socket gets its own virtual thread ({@link HttpConnection}).
 */
public final class StreamListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("server");
    private static final int BACKLOG = 1024;
    private static final AtomicLong CONNECTION_NUMBERS = new AtomicLong();

    private final Settings settings;
    private final SessionDirectory directory;
    private final Semaphore permits;
    private final ServerSocket serverSocket;
    private final Set<HttpConnection> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread acceptThread;

    public StreamListener(InetSocketAddress address, Settings settings, SessionDirectory directory,
                          Semaphore permits) throws IOException {
        this.settings = settings;
        this.directory = directory;
        this.permits = permits;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address, BACKLOG);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    public int liveConnections() {
        return live.size();
    }

    public void start() {
        log.info("listening on {}", localAddress().getAddress().getHostAddress() + ":" + localAddress().getPort());
        acceptThread = Thread.ofVirtual().name("accept " + localAddress()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                permits.release();
                if (!closed) {
                    log.warn("accept on {} failed: {}", localAddress(), e.getMessage());
                    continue;
                }
                return;
            }
            String id = Long.toString(CONNECTION_NUMBERS.getAndIncrement());
            HttpConnection[] holder = new HttpConnection[1];
            holder[0] = new HttpConnection(socket, id, settings, directory, "http", () -> {
                live.remove(holder[0]);
                permits.release();
            });
            live.add(holder[0]);
            Thread.ofVirtual().name("conn-" + id).start(holder[0]);
        }
    }

    /** Stops accepting and closes every live connection. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing
        }
        if (acceptThread != null) {
            acceptThread.interrupt();
        }
        live.forEach(HttpConnection::closeQuietly);
    }
}
