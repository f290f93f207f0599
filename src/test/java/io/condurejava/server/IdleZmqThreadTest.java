package io.condurejava.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.condurejava.testutil.AutoHandler;
import io.condurejava.testutil.RawClient;
import io.condurejava.testutil.ServerFixture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The ZeroMQ thread sleeps while nothing happens: before any handler connects, and after traffic
 * through every socket (PUSH, ROUTER, SUB) has ended. A socket signal it fails to process keeps its
 * ZMQ_FD readable and turns the sleep into a spin of hundreds of thousands of wake-ups a second
 * (this happened: an idle server used a whole core). Idle, it wakes about once per 1 s keep-alive tick.
 */
class IdleZmqThreadTest {
    private static final long MAX_IDLE_WAKE_UPS_PER_TWO_SECONDS = 40;

    @Test
    void sleepsWithNoHandlerConnected() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            assertStaysAsleep(fixture);
        }
    }

    @Test
    void sleepsAfterStreamedTrafficThroughEverySocket() throws Exception {
        try (ServerFixture fixture = ServerFixture.start();
             AutoHandler handler = new AutoHandler(fixture.base())) {
            for (int i = 0; i < 20; i++) {
                try (RawClient client = fixture.connect()) {
                    // a body makes the handler grant credits: messages go out on the ROUTER too
                    client.send("POST /idle HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
                    assertEquals(200, client.readResponse().status());
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.server().liveSessions() == 0);
            assertStaysAsleep(fixture);
        }
    }

    private static void assertStaysAsleep(ServerFixture fixture) {
        AtomicLong windowStart = new AtomicLong(fixture.server().zmqThreadWakeUps());
        AtomicLong windowStartNanos = new AtomicLong(System.nanoTime());
        // Keeps sliding a 2 s window until one passes with few wake-ups; a spinning thread never gets one.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = System.nanoTime();
            long woken = fixture.server().zmqThreadWakeUps() - windowStart.get();
            if (woken > MAX_IDLE_WAKE_UPS_PER_TWO_SECONDS) {
                windowStart.set(fixture.server().zmqThreadWakeUps());
                windowStartNanos.set(now);
                return false;
            }
            return now - windowStartNanos.get() >= Duration.ofSeconds(2).toNanos();
        });
    }
}
