package io.condurejava.server;

/**
 * A WebSocket handler's credits for data towards the client (reference §5.5): what it may still send, and
 * when the credits for content written to the client go back. They go back at once when the handler has
 * less than half its window left, or when the delay is 0 (Condure's rhythm: one credit per flush); otherwise
 * they gather for up to the delay, so a stream of small messages costs one credit message per half window
 * instead of one per message. Pure bookkeeping; the connection's session thread only.
 */
final class HandlerCredits {
    private final long window;
    private final long delayNanos;
    private long balance;
    private long owed;
    private long dueNanos;

    /** {@code window}: the credits offered to the handler at the start; {@code delayNanos}: longest hold. */
    HandlerCredits(long window, long delayNanos) {
        this.window = window;
        this.delayNanos = delayNanos;
        this.balance = window;
    }

    /** What the handler may still send. */
    long balance() {
        return balance;
    }

    /** Takes credits for content the handler sent; false (nothing taken) when it sent more than it had. */
    boolean spend(int bytes) {
        if (bytes > balance) {
            return false;
        }
        balance -= bytes;
        return true;
    }

    /** {@code bytes} of content reached the client at {@code now}: the credits to send now, or 0 while held. */
    long flushed(long bytes, long now) {
        if (bytes <= 0) {
            return 0;
        }
        if (owed == 0) {
            dueNanos = now + delayNanos;
        }
        owed += bytes;
        return delayNanos == 0 || balance < window / 2 ? release() : 0;
    }

    /** Held credits whose delay has run out by {@code now}, to send now; 0 when there are none. */
    long due(long now) {
        return owed > 0 && now - dueNanos >= 0 ? release() : 0;
    }

    /** When the held credits fall due, or 0 when none are held. */
    long heldUntil() {
        return owed > 0 ? dueNanos : 0;
    }

    private long release() {
        long credits = owed;
        owed = 0;
        balance += credits;
        return credits;
    }
}
