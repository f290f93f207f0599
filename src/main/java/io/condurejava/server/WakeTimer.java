package io.condurejava.server;

import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs wake-ups at the times sessions asked for, on one platform thread ({@code wake-timer}) that sleeps
 * until the earliest is due (at least {@link #TICK_NANOS}, so wake-ups falling due together run in one
 * go) and parks for good while none is pending. It replaces a timed wait per message: the JDK schedules
 * and cancels a timer task for every {@code poll(timeout)}, which cost a 1 KiB WebSocket echo a wake-up of
 * its delay-scheduler thread for every seventh message; a session asks this timer once per credit
 * delay instead. Requests wait in a priority queue by due time. A wake-up may run after its session
 * has ended or moved on; the sessions treat it as a hint to look at their clocks. Any thread may call
 * {@link #wakeAt}.
 */
final class WakeTimer {
    /** The finest grain: a wake-up runs up to this late. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final Logger LOG = LoggerFactory.getLogger(WakeTimer.class);
    private static final int AWAKE = 0;
    private static final int PARKED_UNTIL = 1;
    private static final int PARKED_FOREVER = 2;
    /** Due times are compared as offsets from this ({@code nanoTime} may wrap). */
    private static final long ORIGIN = System.nanoTime();
    private static final WakeTimer SHARED = new WakeTimer();

    private record Request(Runnable wake, long dueNanos) {}

    private final PriorityBlockingQueue<Request> pending = new PriorityBlockingQueue<>(64,
            Comparator.comparingLong(r -> r.dueNanos() - ORIGIN));
    private final Thread thread;
    /** What the timer thread is doing, so a request wakes it only when it is due before the thread would. */
    private volatile int state = AWAKE;
    private volatile long parkedUntil;

    private WakeTimer() {
        thread = Thread.ofPlatform().daemon().name("wake-timer").start(this::loop);
    }

    /** The process's timer. */
    static WakeTimer shared() {
        return SHARED;
    }

    /** Runs {@code wake} (quickly: it must not block) at about {@code dueNanos} ({@link System#nanoTime()} base). */
    void wakeAt(Runnable wake, long dueNanos) {
        pending.add(new Request(wake, dueNanos));
        int s = state;
        if (s == PARKED_FOREVER || (s == PARKED_UNTIL && dueNanos - parkedUntil < 0)) {
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        while (true) {
            Request first = pending.peek();
            long now = System.nanoTime();
            if (first != null && first.dueNanos() - now <= 0) {
                pending.poll();
                try {
                    first.wake().run();
                } catch (RuntimeException e) {
                    LOG.warn("wake-up failed", e); // it must not stop the timer
                }
                continue;
            }
            if (first != null) {
                parkedUntil = first.dueNanos();
            }
            state = first == null ? PARKED_FOREVER : PARKED_UNTIL;
            if (pending.peek() == first) { // else a request came in meanwhile: look again
                if (first == null) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, Math.max(first.dueNanos() - now, TICK_NANOS));
                }
            }
            state = AWAKE;
        }
    }
}
