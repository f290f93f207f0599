package io.condurejava.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-over of a detached session: whatever threads add events while its consumer keeps ending,
 * every event is taken exactly once, never by two consumers at the same time, and none is left behind.
 */
class EventQueueTest {

    @Test
    void detachSucceedsOnlyWhenEmptyAndTheNextEventResumesOnce() throws Exception {
        EventQueue queue = new EventQueue(16);
        AtomicInteger resumed = new AtomicInteger();
        queue.offer(new ConnectionEvent.DeadlinePassed());
        assertFalse(queue.detach(resumed::incrementAndGet), "an event waits: the session goes on");
        queue.take();
        assertTrue(queue.detach(resumed::incrementAndGet), "nothing waits: the session may end");
        assertEquals(0, resumed.get());
        queue.offer(new ConnectionEvent.DeadlinePassed());
        queue.put(new ConnectionEvent.DeadlinePassed());
        assertEquals(1, resumed.get(), "the first event after the detach resumes, the second finds it running");
    }

    @Test
    void eventsFromManyThreadsAreTakenOnceByOneConsumerAtATime() throws Exception {
        int producers = 4;
        int perProducer = 20_000;
        EventQueue queue = new EventQueue(1 << 20);
        ConcurrentHashMap<String, Boolean> taken = new ConcurrentHashMap<>();
        AtomicInteger consumers = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger starts = new AtomicInteger();
        Runnable[] consumer = new Runnable[1];
        Runnable resume = () -> {
            starts.incrementAndGet();
            Thread.ofVirtual().start(consumer[0]);
        };
        consumer[0] = () -> {
            if (consumers.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            try {
                while (true) {
                    ConnectionEvent event = queue.poll();
                    if (event == null) {
                        consumers.decrementAndGet(); // before the detach: a resumed consumer may start at once
                        if (queue.detach(resume)) {
                            return;
                        }
                        if (consumers.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        continue;
                    }
                    if (taken.put(((ConnectionEvent.ClientGone) event).reason(), Boolean.TRUE) != null) {
                        duplicates.incrementAndGet();
                    }
                }
            } catch (RuntimeException e) {
                consumers.decrementAndGet();
                throw e;
            }
        };
        Thread.ofVirtual().start(consumer[0]);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perProducer; i++) {
                    queue.offer(new ConnectionEvent.ClientGone(id + "-" + i));
                    if (i % 64 == 0) {
                        Thread.yield(); // let the consumer drain and detach now and then
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> taken.size() == producers * perProducer);
        assertEquals(0, duplicates.get(), "no event taken twice");
        assertEquals(0, overlaps.get(), "never two consumers at once");
        assertTrue(starts.get() > 0, "the consumer detached and was resumed at least once");
        assertTrue(queue.isEmpty());
    }
}
