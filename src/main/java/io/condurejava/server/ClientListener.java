package io.condurejava.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client listener (TCP, TLS or Unix socket; stream or req mode). Its accept loop runs on a
 * virtual thread and calls accept() only while a connection permit is free (--stream-maxconn /
 * --req-maxconn), so extra clients wait in the kernel backlog as with Condure; each accepted client
 * gets its own virtual thread. A second virtual thread closes connections whose client stopped
 * reading (a write stalled for the stream timeout) or whose read deadline passed (req mode).
 */
public final class ClientListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("server");
    private static final AtomicLong CONNECTION_NUMBERS = new AtomicLong();
    private static final long WATCHDOG_PERIOD_MILLIS = 250;

    /** Makes the connection object for an accepted client; {@code onClose} must run when it ends. */
    interface ConnectionFactory {
        LiveConnection create(ClientSocket socket, String connectionId, AtomicInteger liveThreads, Runnable onClose);
    }

    private final Acceptor acceptor;
    private final Semaphore permits;
    private final ConnectionFactory factory;
    private final long stallLimitNanos;
    private final Set<LiveConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger liveThreads = new AtomicInteger();
    private volatile boolean closed;
    private Thread acceptThread;
    private Thread watchdogThread;

    ClientListener(Acceptor acceptor, Semaphore permits, ConnectionFactory factory, int streamTimeoutSeconds) {
        this.acceptor = acceptor;
        this.permits = permits;
        this.factory = factory;
        this.stallLimitNanos = TimeUnit.SECONDS.toNanos(streamTimeoutSeconds);
    }

    Acceptor acceptor() {
        return acceptor;
    }

    public int liveConnections() {
        return live.size();
    }

    /** Connection and reader virtual threads still running (a leak check for tests). */
    public int liveThreads() {
        return liveThreads.get();
    }

    public void start() {
        log.info("listening on {}", acceptor.describe());
        acceptThread = Thread.ofVirtual().name("accept " + acceptor.describe()).start(this::acceptLoop);
        watchdogThread = Thread.ofVirtual().name("write-watchdog " + acceptor.describe()).start(this::watchStalledWrites);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            ClientSocket socket;
            try {
                socket = acceptor.accept();
            } catch (IOException e) {
                permits.release();
                if (!closed) {
                    log.warn("accept on {} failed: {}", acceptor.describe(), e.getMessage());
                    continue;
                }
                return;
            }
            String id = Long.toString(CONNECTION_NUMBERS.getAndIncrement());
            LiveConnection[] holder = new LiveConnection[1];
            holder[0] = factory.create(socket, id, liveThreads, () -> {
                live.remove(holder[0]);
                permits.release();
            });
            live.add(holder[0]);
            Thread.ofVirtual().name("conn-" + id).start(holder[0]);
        }
    }

    /**
     * Closes connections whose client has not taken a byte of a pending write for the stream timeout
     * (a client that never reads its response): they would otherwise hold their threads forever.
     */
    private void watchStalledWrites() {
        long period = Math.min(TimeUnit.MILLISECONDS.toNanos(WATCHDOG_PERIOD_MILLIS),
                Math.max(stallLimitNanos / 4, TimeUnit.MILLISECONDS.toNanos(50)));
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(period); // a periodic timer, not a wait for an event
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (LiveConnection connection : live) {
                long readDeadline = connection.readDeadlineNanos();
                long exchangeDeadline = connection.exchangeDeadlineNanos();
                if (exchangeDeadline != 0 && now - exchangeDeadline >= 0) {
                    connection.deadlinePassed();
                }
                if (readDeadline != 0 && now - readDeadline >= 0) {
                    log.debug("conn {}: read deadline passed; closing", connection.connectionId());
                    connection.closeQuietly();
                } else if (connection.stalledWriteNanos(now) >= stallLimitNanos) {
                    log.info("conn {}: client has not read for {} s; closing", connection.connectionId(),
                            TimeUnit.NANOSECONDS.toSeconds(stallLimitNanos));
                    connection.closeQuietly();
                }
            }
        }
    }

    /** Stops accepting (the socket file of a Unix listener is removed); live connections go on. */
    public void stopAccepting() {
        closed = true;
        acceptor.close();
        if (acceptThread != null) {
            acceptThread.interrupt();
        }
    }

    /** Asks every live connection to finish its current exchange and close. */
    public void stopConnectionsWhenIdle() {
        live.forEach(LiveConnection::stopWhenIdle);
    }

    /** Ends every live connection's exchange now (cancel, WebSocket 1001). */
    public void stopConnectionsNow() {
        live.forEach(LiveConnection::stopNow);
    }

    /** Stops accepting and closes every live connection at once. */
    @Override
    public void close() {
        stopAccepting();
        if (watchdogThread != null) {
            watchdogThread.interrupt();
        }
        live.forEach(LiveConnection::closeQuietly);
    }
}
