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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger liveThreads = new AtomicInteger();
    private volatile boolean closed;
    private Thread acceptThread;
    private Thread watchdogThread;

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

    /** Connection and reader virtual threads still running (a leak check for tests). */
    public int liveThreads() {
        return liveThreads.get();
    }

    public void start() {
        log.info("listening on {}", localAddress().getAddress().getHostAddress() + ":" + localAddress().getPort());
        acceptThread = Thread.ofVirtual().name("accept " + localAddress()).start(this::acceptLoop);
        watchdogThread = Thread.ofVirtual().name("write-watchdog " + localAddress()).start(this::watchStalledWrites);
    }

    /**
     * Closes connections whose client has not taken a byte of a pending write for the stream timeout
     * (a client that never reads its response): they would otherwise hold their threads forever.
     */
    private void watchStalledWrites() {
        long limit = TimeUnit.SECONDS.toNanos(settings.streamTimeoutSeconds());
        long period = Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(limit / 4, TimeUnit.MILLISECONDS.toNanos(50)));
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(period); // a periodic timer, not a wait for an event
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (HttpConnection connection : live) {
                if (connection.stalledWriteNanos(now) >= limit) {
                    log.info("conn {}: client has not read for {} s; closing", connection.connectionId(),
                            settings.streamTimeoutSeconds());
                    connection.closeQuietly();
                }
            }
        }
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
            holder[0] = new HttpConnection(socket, id, settings, directory, "http", liveThreads, () -> {
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
            watchdogThread.interrupt();
        }
        live.forEach(HttpConnection::closeQuietly);
    }
}
