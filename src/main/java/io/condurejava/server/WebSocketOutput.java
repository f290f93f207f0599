package io.condurejava.server;

import io.condurejava.ws.MessageWriter;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;
import io.condurejava.zmq.HandlerUnavailableException;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The client-bound half of a WebSocket session, on the connection's session thread: writes the handler's
 * messages as frames within the credits it was offered, sends the close frame at most once, flushes when
 * nothing else is queued and gives the credits for what was flushed back to the handler — at once or
 * gathered ({@link HandlerCredits}), asking the shared {@link WakeTimer} to wake the session when held
 * credits fall due (no timer per wait).
 */
final class WebSocketOutput {
    private final ConnectionContext ctx;
    private final String id;
    private final HandlerLink link;
    private final HandlerCredits credits;
    /** Wakes the session from the {@link WakeTimer}'s thread. */
    private final Runnable wake;
    private MessageWriter writer;
    private boolean closeSent;
    private int unflushedBytes;
    private boolean unflushed;
    /** The due time last handed to the timer (credits held since then have the same). */
    private long timerAskedFor;

    WebSocketOutput(ConnectionContext ctx, String id, HandlerLink link, int offeredCredits) {
        this.ctx = ctx;
        this.id = id;
        this.link = link;
        this.credits = new HandlerCredits(offeredCredits,
                TimeUnit.MILLISECONDS.toNanos(ctx.settings().websocketCreditDelayMillis()));
        this.wake = () -> ctx.events().offer(new ConnectionEvent.DeadlinePassed());
    }

    /** The 101 has been written: frames may follow. */
    void open(MessageWriter messageWriter) {
        this.writer = messageWriter;
    }

    boolean closeSent() {
        return closeSent;
    }

    /** A data message from the handler; false when it sent more than its credits (the caller cancels). */
    boolean data(Data data) throws IOException {
        byte[] body = data.body();
        if (!credits.spend(body.length)) {
            ctx.log().warn("conn {}: received too much data from handler (size={}, credits={})", id, body.length,
                    credits.balance());
            return false;
        }
        if (!closeSent) {
            writer.writeData(!Data.CONTENT_TYPE_BINARY.equals(data.contentType()), body, 0, body.length, !data.more());
            written(body.length);
        }
        return true;
    }

    void ping(byte[] body) throws IOException {
        if (!closeSent) {
            writer.writePing(body);
            written(body.length);
        }
    }

    void pong(byte[] body) throws IOException {
        if (!closeSent) {
            writer.writePong(body);
            written(body.length);
        }
    }

    /** Writes and flushes a close frame, unless one went out already or the session was never accepted. */
    void close(int code, byte[] reason) throws IOException {
        if (writer != null && !closeSent) {
            writer.writeClose(code, reason);
            writer.flush();
            closeSent = true;
        }
    }

    /** Flushes now (before a handoff), leaving the credit bookkeeping to the next {@link #flushWritten}. */
    void flush() throws IOException {
        writer.flush();
    }

    /** Gives back the credits held past their delay. */
    void returnDue(long now) throws InterruptedException, HandlerUnavailableException {
        returnCredits(credits.due(now));
    }

    /**
     * Nothing else is queued: one flush for everything written; its credits go back now or later, and held
     * credits ask the timer once per delay. True when something was flushed (the client took bytes).
     */
    boolean flushWritten() throws IOException, InterruptedException, HandlerUnavailableException {
        boolean flushed = unflushed;
        if (unflushed) {
            writer.flush();
            unflushed = false;
            returnCredits(credits.flushed(unflushedBytes, System.nanoTime()));
            unflushedBytes = 0;
        }
        long due = credits.heldUntil();
        if (due != 0 && due != timerAskedFor) {
            WakeTimer.shared().wakeAt(wake, due);
            timerAskedFor = due;
        }
        return flushed;
    }

    /** Lets go of the writer (and its deflater). */
    void release() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }

    /** Content was written: credits go back once it is flushed (batched while more events wait). */
    private void written(int bytes) {
        unflushedBytes += bytes;
        unflushed = true;
    }

    private void returnCredits(long amount) throws InterruptedException, HandlerUnavailableException {
        if (amount > 0) {
            link.send(new Credit((int) amount));
        }
    }
}
