package io.condurejava.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who reads an upgraded WebSocket whose request head the session thread read: that thread itself once it
 * has left the session, unless the accept was made on it while it still ran the session (then the accept
 * starts a reader thread). Real threads, no server.
 */
class WebSocketUpgradeTest {
    private static final WebSocketUpgrade.Accepted ACCEPTED =
            new WebSocketUpgrade.Accepted(null, 1 << 20, piece -> { }, 8192, 8192);

    @Test
    void anAcceptMadeOnAnotherThreadLeavesTheReadingToTheHeadReader() throws Exception {
        WebSocketUpgrade upgrade = new WebSocketUpgrade();
        List<WebSocketUpgrade.Accepted> started = new ArrayList<>();
        upgrade.readOnHeadReaderOr(started::add);
        Thread resumed = Thread.ofVirtual().start(() -> upgrade.accept(ACCEPTED)); // the session resumed elsewhere
        resumed.join();
        assertTrue(started.isEmpty(), "no reader thread is started");
        assertTrue(upgrade.headReaderReads(), "the thread that read the head reads the frames");
        assertSame(ACCEPTED, upgrade.await());
    }

    @Test
    void anAcceptMadeOnTheHeadReaderWhileItRunsTheSessionStartsAReader() throws Exception {
        WebSocketUpgrade upgrade = new WebSocketUpgrade();
        List<WebSocketUpgrade.Accepted> started = new ArrayList<>();
        upgrade.readOnHeadReaderOr(started::add);
        upgrade.accept(ACCEPTED);
        assertEquals(List.of(ACCEPTED), started, "the reader starts at the accept");
        assertFalse(upgrade.headReaderReads(), "and the head reader does not read as well");
    }

    @Test
    void noOtherThreadIsTheHeadReader() throws Exception {
        WebSocketUpgrade upgrade = new WebSocketUpgrade();
        upgrade.readOnHeadReaderOr(accepted -> { });
        AtomicBoolean elsewhere = new AtomicBoolean(true);
        Thread other = Thread.ofVirtual().start(() -> elsewhere.set(upgrade.headReaderReads()));
        other.join();
        assertFalse(elsewhere.get());
        assertFalse(new WebSocketUpgrade().headReaderReads(), "nor is anyone when a reader thread read the head");
    }

    @Test
    void aRefusalWakesTheHeadReaderWithNothing() throws Exception {
        WebSocketUpgrade upgrade = new WebSocketUpgrade();
        upgrade.readOnHeadReaderOr(accepted -> { });
        Thread refusing = Thread.ofVirtual().start(upgrade::refuse);
        refusing.join();
        assertNull(upgrade.await());
    }
}
