package io.condurejava.server;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Request-body credits granted by the handler, shared by a connection's session thread (which adds
 * them) and its reader thread (which takes them before reading body bytes from the client).
 * Nothing of the body is read while the handler has granted nothing: that is the upload backpressure.
 */
final class CreditGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long credits;
    private boolean pieceInFlight;
    private boolean closed;

    /** Adds credits granted by the handler. Session thread. */
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

    /**
     * Waits until there are credits and the previous piece has been handed on ({@link #pieceDone}),
     * then takes up to {@code max}; returns -1 once the gate is closed. Reader thread. One piece at a
     * time keeps a connection's memory at one buffer, however large the handler's window.
     */
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

    /** The session thread has passed the last piece on to the handler side: the reader may read the next. */
    void pieceDone() {
        lock.lock();
        try {
            pieceInFlight = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns credits taken but not used. Reader thread. */
    void giveBack(int amount) {
        add(amount);
    }

    /** Wakes the reader for good; used when the session ends before the body was read. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Reopens with zero credits for the next request on the connection. Session thread. */
    void reset() {
        lock.lock();
        try {
            credits = 0;
            pieceInFlight = false;
            closed = false;
        } finally {
            lock.unlock();
        }
    }
}
