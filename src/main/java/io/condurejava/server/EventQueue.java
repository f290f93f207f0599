package io.condurejava.server;

import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection's event queue (bounded: a full queue blocks whoever puts, or refuses an offer), which
 * lets a WebSocket session with nothing to do end its thread instead of parking it: {@link #detach}
 * succeeds only while the queue is empty, and the next event to arrive, from any thread, runs the
 * resume action (which starts a new virtual thread for the session) exactly once. An idle upgraded
 * WebSocket thus holds one parked thread, the one waiting for the client's bytes, instead of two.
 *
 * <p>A deque used as a queue: one lock and two conditions, where a {@code LinkedBlockingQueue} keeps two of
 * each and a node ahead of the first event, about 100 bytes more for every connection, idle ones included;
 * a connection's few producers and its one consumer rarely meet on the lock.
 *
 * <p>The hand-over is the usual one for a mailbox: the session clears its flag, then looks at the queue;
 * a producer adds, then looks at the flag. Both are volatile, so at least one of them sees the other's
 * write; the compare-and-set decides who goes on.
 */
final class EventQueue extends LinkedBlockingDeque<ConnectionEvent> {
    private final AtomicBoolean detached = new AtomicBoolean();
    private volatile Runnable resume;

    EventQueue(int capacity) {
        super(capacity);
    }

    /**
     * Session thread: true when it may end, because nothing is queued and the next event will run
     * {@code resume} (or an event just arrived and has already run it); false when events wait to be taken.
     */
    boolean detach(Runnable resume) {
        this.resume = resume;
        detached.set(true);
        if (isEmpty()) {
            return true;
        }
        return !detached.compareAndSet(true, false);
    }

    @Override
    public boolean offer(ConnectionEvent event) {
        boolean added = super.offer(event);
        if (added) {
            resumeIfDetached();
        }
        return added;
    }

    @Override
    public boolean offer(ConnectionEvent event, long timeout, TimeUnit unit) throws InterruptedException {
        boolean added = super.offer(event, timeout, unit);
        if (added) {
            resumeIfDetached();
        }
        return added;
    }

    @Override
    public void put(ConnectionEvent event) throws InterruptedException {
        super.put(event);
        resumeIfDetached();
    }

    private void resumeIfDetached() {
        if (detached.get() && detached.compareAndSet(true, false)) {
            resume.run();
        }
    }
}
