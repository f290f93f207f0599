package io.condurejava.client;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Credits the initiator granted for WebSocket content from the origin, shared by the session
 * thread (which adds them) and the origin reader thread (which takes them before reading a piece).
 * Nothing is read from the origin while there are none, and one piece at a time is in flight, so a
 * session holds at most one buffer of origin data however large the initiator's window.
 */
final class OriginCredits {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long credits;
    private boolean pieceInFlight;
    private boolean closed;

    OriginCredits(long initial) {
        this.credits = Math.max(0, initial);
    }

    /** Session thread: the initiator granted {@code amount} more. */
    void add(long amount) {
        if (amount <= 0) {
            return;
        }
        lock.lock();
        try {
            credits += amount;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Reader thread: waits for credits and the previous piece's hand-over; takes up to {@code max}; -1 once closed. */
    int acquire(int max) throws InterruptedException {
        lock.lock();
        try {
            while ((credits == 0 || pieceInFlight) && !closed) {
                changed.await();
            }
            if (closed) {
                return -1;
            }
            int taken = (int) Math.min(max, credits);
            credits -= taken;
            pieceInFlight = true;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Reader thread: returns what the piece did not use. */
    void giveBack(int amount) {
        add(amount);
    }

    /** Session thread: the piece went to the initiator; the reader may read the next. */
    void pieceDone() {
        lock.lock();
        try {
            pieceInFlight = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Any thread: wakes the reader for good. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
