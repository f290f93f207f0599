package io.condurejava.session;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Credits granted by the ZHTTP peer for what a connection reads, shared by the connection's session
 * thread (which adds them) and its reader thread (which takes them before reading). Server side: the
 * handler's credits for request bodies and client WebSocket messages; client mode: the initiator's
 * credits for what the origin sends. Nothing is read while nothing is granted: that is the backpressure.
 */
public final class CreditGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long credits;
    private boolean pieceInFlight;
    private boolean closed;
    /** Which request of the connection the credits belong to (1 = the first); 0 before any exchange. */
    private long generation;

    /** Adds credits granted by the handler. Session thread. */
    public void add(long amount) {
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
    public int acquire(long forGeneration, int max) throws InterruptedException {
        lock.lock();
        try {
            while ((generation != forGeneration || credits == 0 || pieceInFlight) && !closed) {
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
    public void pieceDone() {
        lock.lock();
        try {
            pieceInFlight = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns credits taken but not used, unless a newer request has begun since. Reader thread. */
    public void giveBack(long forGeneration, int amount) {
        lock.lock();
        try {
            if (generation == forGeneration && amount > 0) {
                credits += amount;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A gate for a connection that carries a single stream (client mode): already begun, holding the
     * credits the peer granted at the start. Its reader uses {@link #acquire(long, int)} with generation 1.
     */
    public static CreditGate singleStream(long initialCredits) {
        CreditGate gate = new CreditGate();
        gate.begin();
        gate.add(initialCredits);
        return gate;
    }

    /** The generation of a {@link #singleStream} gate. */
    public static final long SINGLE_STREAM = 1;

    /** Wakes the reader for good; used when the session ends before the body was read. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the credits of the connection's next request with zero: credits a handler granted for an
     * earlier request (more than its body used) are never spent on this one, and the reader waits for
     * this call before reading the next body. Session thread.
     */
    public void begin() {
        lock.lock();
        try {
            generation++;
            credits = 0;
            pieceInFlight = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
