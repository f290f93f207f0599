package io.condurejava.client;

import io.condurejava.ws.MessageWriter;
import io.condurejava.ws.PerMessageDeflate;
import io.condurejava.ws.Role;
import io.condurejava.zhttp.Credit;
import io.condurejava.zhttp.Data;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The writing half of a client-mode WebSocket, on the session thread: the initiator's messages
 * become masked frames ({@code content-type} binary, anything else text; {@code more} continues a
 * message; ping and pong of at most 125 bytes; a close without code is written as 1000), paid for
 * with the credits we granted (content beyond them is the initiator's fault: cancel). With
 * permessage-deflate agreed each data piece is compressed and sync-flushed (RSV1 on a message's
 * first frame); credits always count the initiator's plain bytes. Nothing but the close is
 * written after the close; credits go back (one {@code credit} for all that was written) when
 * {@link #flush} runs, which the session does when no event waits.
 */
final class OriginWebSocketWriter implements AutoCloseable {
    private static final int NORMAL_CLOSURE = 1000;
    private static final int MAX_CONTROL_PAYLOAD_BYTES = 125;
    private static final int MAX_CLOSE_REASON_BYTES = 123;
    private static final byte[] EMPTY = new byte[0];

    private final MessageWriter writer;
    private final InitiatorLink link;
    private final OriginCall.AbortCheck aborted;
    private long credits;
    private boolean closeSent;
    private int unflushedBytes;
    private boolean unflushed;

    /**
     * @param credits what the initiator may send before its first credit back (the 101's grant)
     * @param deflate the agreed permessage-deflate, or null
     */
    OriginWebSocketWriter(OutputStream out, long credits, PerMessageDeflate.Negotiated deflate, InitiatorLink link,
                          OriginCall.AbortCheck aborted) {
        this.writer = new MessageWriter(out, Role.CLIENT, deflate);
        this.credits = credits;
        this.link = link;
        this.aborted = aborted;
    }

    boolean closeSent() {
        return closeSent;
    }

    void data(Data d) throws ClientFailure, InitiatorGone {
        spend(d.body().length);
        if (!closeSent) {
            write(() -> writer.writeData(!Data.CONTENT_TYPE_BINARY.equals(d.contentType()), d.body(), 0,
                    d.body().length, !d.more()));
            written(d.body().length);
        }
    }

    void ping(byte[] body) throws ClientFailure, InitiatorGone {
        control(body, () -> writer.writePing(body));
    }

    void pong(byte[] body) throws ClientFailure, InitiatorGone {
        control(body, () -> writer.writePong(body));
    }

    /** Writes and flushes the close frame, once ({@code code} -1 = 1000; a reason too long is dropped). */
    void close(int code, byte[] reason) throws ClientFailure, InitiatorGone {
        if (closeSent) {
            return;
        }
        closeSent = true;
        byte[] r = reason.length > MAX_CLOSE_REASON_BYTES ? EMPTY : reason;
        write(() -> {
            writer.writeClose(code < 0 ? NORMAL_CLOSURE : code, r);
            writer.flush();
        });
    }

    /** Flushes what was written and credits it back; true when anything was flushed. */
    boolean flush() throws ClientFailure, InitiatorGone, InterruptedException {
        if (!unflushed) {
            return false;
        }
        write(writer::flush);
        unflushed = false;
        if (unflushedBytes > 0) {
            credits += unflushedBytes;
            link.send(new Credit(unflushedBytes));
            unflushedBytes = 0;
        }
        return true;
    }

    private void control(byte[] body, IoAction action) throws ClientFailure, InitiatorGone {
        if (body.length > MAX_CONTROL_PAYLOAD_BYTES) {
            throw new InitiatorGone("control message of " + body.length + " bytes from the initiator", true);
        }
        spend(body.length);
        if (!closeSent) {
            write(action);
            written(body.length);
        }
    }

    private void spend(int bytes) throws InitiatorGone {
        if (bytes > credits) {
            throw new InitiatorGone("initiator sent " + bytes + " bytes with " + credits + " credits", true);
        }
        credits -= bytes;
    }

    private void written(int bytes) {
        unflushedBytes += bytes;
        unflushed = true;
    }

    /** A write to the origin. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private void write(IoAction action) throws ClientFailure, InitiatorGone {
        try {
            action.run();
        } catch (IOException e) {
            aborted.check();
            throw new ClientFailure(Conditions.REMOTE_CONNECTION_FAILED, "writing to the origin: " + e, e);
        } catch (IllegalArgumentException e) {
            throw new InitiatorGone("unusable message from the initiator: " + e.getMessage(), true);
        }
    }

    /** Frees the codec; does not close the socket. */
    @Override
    public void close() {
        writer.close();
    }
}
