package io.condurejava.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive connections to origins, as Condure keeps them: for {@value #IDLE_SECONDS} s,
 * keyed by where we dialled, TLS and the host name — plus the request flags that change what a
 * connection may be used for ({@code ignore-tls-errors}, {@code ignore-policies}), so a connection
 * opened under a relaxed rule never serves a request without it. At most
 * {@value #MAX_IDLE_PER_KEY} per key and {@value #MAX_IDLE_TOTAL} in all; the most recently used
 * is taken first. Before a connection is handed out it is probed with a
 * {@value #PROBE_MILLIS} ms read: EOF (the origin closed it) or unexpected bytes discard it.
 * Exchange threads take and give; the keep-alive sweeper expires. Thread-safe (one lock).
 */
final class OriginPool {
    static final long IDLE_SECONDS = 55;
    static final int MAX_IDLE_PER_KEY = 16;
    static final int MAX_IDLE_TOTAL = 1024;
    static final int PROBE_MILLIS = 1;

    /** What a pooled connection is good for. */
    record Key(String dialHost, int dialPort, boolean tls, String tlsName, boolean ignoreTlsErrors,
               boolean ignorePolicies) {
        static Key of(OriginTarget t) {
            return new Key(t.dialHost(), t.dialPort(), t.tls(), t.tls() ? t.tlsName() : "", t.ignoreTlsErrors(),
                    t.ignorePolicies());
        }
    }

    private final Map<Key, Deque<OriginConnection>> idle = new HashMap<>();
    private final long idleNanos;
    private final int readTimeoutMillis;
    private int total;
    private boolean closed;

    /** @param readTimeoutMillis the socket read timeout restored after the probe */
    OriginPool(long idleNanos, int readTimeoutMillis) {
        this.idleNanos = idleNanos;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    OriginPool(int readTimeoutMillis) {
        this(TimeUnit.SECONDS.toNanos(IDLE_SECONDS), readTimeoutMillis);
    }

    /** A live idle connection for {@code key}, marked reused, or null. */
    OriginConnection take(Key key) {
        while (true) {
            OriginConnection c;
            synchronized (this) {
                Deque<OriginConnection> q = idle.get(key);
                c = q == null ? null : q.pollFirst();
                if (c == null) {
                    return null;
                }
                total--;
                if (q.isEmpty()) {
                    idle.remove(key);
                }
            }
            if (System.nanoTime() - c.idleSince < idleNanos && alive(c)) {
                return c.reuse();
            }
            c.close();
        }
    }

    /** Parks a connection whose last response ended cleanly; closes it when the pool is full or closed. */
    void give(Key key, OriginConnection c) {
        c.idleSince = System.nanoTime();
        synchronized (this) {
            Deque<OriginConnection> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (!closed && q.size() < MAX_IDLE_PER_KEY && total < MAX_IDLE_TOTAL) {
                q.addFirst(c);
                total++;
                return;
            }
            if (q.isEmpty()) {
                idle.remove(key);
            }
        }
        c.close();
    }

    /** Closes connections idle for longer than the idle time. */
    void expire(long now) {
        List<OriginConnection> old = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Deque<OriginConnection>> it = idle.values().iterator(); it.hasNext(); ) {
                Deque<OriginConnection> q = it.next();
                while (!q.isEmpty() && now - q.peekLast().idleSince >= idleNanos) {
                    old.add(q.pollLast());
                    total--;
                }
                if (q.isEmpty()) {
                    it.remove();
                }
            }
        }
        old.forEach(OriginConnection::close);
    }

    synchronized int idleCount() {
        return total;
    }

    /** Closes every idle connection and refuses new ones. */
    void close() {
        List<OriginConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
            total = 0;
        }
        all.forEach(OriginConnection::close);
    }

    /** One short read: a timeout means the origin is quietly waiting for our next request. */
    private boolean alive(OriginConnection c) {
        if (c.in.buffered() > 0 || c.socket.isClosed()) {
            return false;
        }
        try {
            c.socket.setSoTimeout(PROBE_MILLIS);
            c.in.read(); // EOF or a byte: either way not a connection to send a request on
            return false;
        } catch (SocketTimeoutException e) {
            try {
                c.socket.setSoTimeout(readTimeoutMillis);
                return true;
            } catch (IOException failed) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
