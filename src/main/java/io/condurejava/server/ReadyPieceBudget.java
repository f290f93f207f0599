package io.condurejava.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide allowance for ready bytes: what a body or WebSocket piece carries beyond the
 * {@code --buffer-size} it may wait for (see {@link ClientReader#READY_PIECE_BYTES}). However many
 * clients upload fast at once, the readers hold at most {@link #BUDGET_BYTES} of such extra bytes; a
 * reader that finds the budget spent makes a buffer-size piece, as Condure does. Reader threads;
 * lock-free.
 */
final class ReadyPieceBudget {
    /** Extra bytes all readers together may hold in pieces on their way to handlers. */
    static final long BUDGET_BYTES = 64L << 20;

    private static final AtomicLong LEFT = new AtomicLong(BUDGET_BYTES);

    private ReadyPieceBudget() {
    }

    /** Takes up to {@code wanted} bytes of the budget; 0 when it is spent. */
    static int take(int wanted) {
        while (wanted > 0) {
            long left = LEFT.get();
            int granted = (int) Math.min(wanted, left);
            if (granted <= 0) {
                return 0;
            }
            if (LEFT.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
        return 0;
    }

    /** Returns bytes taken with {@link #take}. */
    static void giveBack(int bytes) {
        if (bytes > 0) {
            LEFT.addAndGet(bytes);
        }
    }

    /** What is left of the budget now (for tests and stats). */
    static long left() {
        return LEFT.get();
    }
}
