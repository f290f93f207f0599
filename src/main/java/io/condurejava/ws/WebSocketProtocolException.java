package io.condurejava.ws;

import java.io.IOException;

/**
 * The peer broke a WebSocket rule; carries the close code to fail the connection with
 * (RFC 6455 §7.1.7, §7.4.1) and a short reason that fits a close frame. An IOException so that
 * it passes through stream code. Immutable; any thread.
 */
public final class WebSocketProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public WebSocketProtocolException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    /** The close code to send, e.g. {@link CloseCodes#PROTOCOL_ERROR} (1002). */
    public int closeCode() {
        return closeCode;
    }

    /** The reason text (always short ASCII, at most {@link CloseCodes#MAX_REASON_BYTES}). */
    public String reason() {
        return getMessage();
    }

    static WebSocketProtocolException protocol(String reason) {
        return new WebSocketProtocolException(CloseCodes.PROTOCOL_ERROR, reason);
    }
}
