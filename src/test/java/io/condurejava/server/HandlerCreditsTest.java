package io.condurejava.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link HandlerCredits}: when credits for written WebSocket content go back to the handler. */
class HandlerCreditsTest {
    private static final long WINDOW = 65536;
    private static final long DELAY = 20_000_000;

    @Test
    void heldWhileTheHandlerHasHalfItsWindowThenReturnedTogether() {
        HandlerCredits credits = new HandlerCredits(WINDOW, DELAY);
        assertTrue(credits.spend(20_000));
        assertEquals(0, credits.flushed(20_000, 0), "handler still has more than half: held");
        assertTrue(credits.spend(20_000));
        assertEquals(40_000, credits.flushed(20_000, 1), "below half: everything owed goes back at once");
        assertEquals(WINDOW, credits.balance());
    }

    @Test
    void heldCreditsFallDueAfterTheDelayCountedFromTheFirstHeldWrite() {
        HandlerCredits credits = new HandlerCredits(WINDOW, DELAY);
        credits.spend(100);
        credits.flushed(100, 1_000);
        credits.spend(200);
        credits.flushed(200, 5_000);
        assertEquals(1_000 + DELAY, credits.heldUntil());
        assertEquals(0, credits.due(1_000 + DELAY - 1));
        assertEquals(300, credits.due(1_000 + DELAY));
        assertEquals(0, credits.due(2_000 + DELAY), "nothing left to return");
        assertEquals(0, credits.heldUntil(), "nothing held, nothing due");
    }

    @Test
    void aDelayOfZeroReturnsEveryFlushAsCondureDoes() {
        HandlerCredits credits = new HandlerCredits(WINDOW, 0);
        credits.spend(5);
        assertEquals(5, credits.flushed(5, 0));
        assertEquals(0, credits.flushed(0, 0), "a flush of control frames without content returns nothing");
    }

    @Test
    void theHandlerCannotSpendMoreThanItHas() {
        HandlerCredits credits = new HandlerCredits(WINDOW, DELAY);
        assertFalse(credits.spend((int) WINDOW + 1));
        assertEquals(WINDOW, credits.balance(), "a refused spend takes nothing");
    }
}
