package io.condurejava.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared wake-up timer: runs each request once, not before it is due, also after being idle. */
class WakeTimerTest {

    @Test
    void aWakeUpRunsOnceItIsDueAndNotBefore() throws Exception {
        for (int round = 0; round < 3; round++) { // the timer parks for good in between
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
            AtomicLong ranAt = new AtomicLong();
            WakeTimer.shared().wakeAt(() -> ranAt.set(System.nanoTime()), due);
            await().atMost(Duration.ofSeconds(5)).until(() -> ranAt.get() != 0);
            assertTrue(ranAt.get() - due >= 0, "ran " + (due - ranAt.get()) + " ns early");
        }
    }

    @Test
    void anEarlierRequestIsNotHeldUpByALaterOneAskedFirst() throws Exception {
        CountDownLatch late = new CountDownLatch(1);
        CountDownLatch early = new CountDownLatch(1);
        WakeTimer.shared().wakeAt(late::countDown, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        WakeTimer.shared().wakeAt(early::countDown, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
        assertTrue(early.await(5, TimeUnit.SECONDS), "the 20 ms wake-up waited for the 60 s one");
        assertTrue(late.getCount() == 1, "the 60 s wake-up ran early");
    }

    @Test
    void manyWakeUpsDueTogetherAllRun() throws Exception {
        CountDownLatch all = new CountDownLatch(1000);
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = 0; i < 1000; i++) {
            WakeTimer.shared().wakeAt(all::countDown, due + i * 1000L);
        }
        assertTrue(all.await(5, TimeUnit.SECONDS), all.getCount() + " wake-ups did not run");
    }
}
