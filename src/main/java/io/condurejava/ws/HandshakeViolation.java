package io.condurejava.ws;

/**
 * Every reason {@link Handshake#validate} refuses an opening handshake, with the status a server
 * would answer (Condure answers none: it closes the connection) and the rule it enforces.
 * Immutable; any thread.
 */
public enum HandshakeViolation {
    NOT_WEBSOCKET_UPGRADE(400, "RFC 6455 §4.2.1 (3)", "no Upgrade field listing websocket"),
    METHOD_NOT_GET(400, "RFC 6455 §4.2.1 (1)", "the method is not GET"),
    HTTP_VERSION_TOO_OLD(400, "RFC 6455 §4.2.1 (1)", "the request is not HTTP/1.1 or higher"),
    REQUEST_BODY(400, "Condure", "a request body (Content-Length other than 0, or Transfer-Encoding)"),
    CONNECTION_WITHOUT_UPGRADE(400, "RFC 6455 §4.2.1 (4)", "no Connection field listing upgrade"),
    MISSING_KEY(400, "RFC 6455 §4.2.1 (5)", "no Sec-WebSocket-Key"),
    DUPLICATE_KEY(400, "RFC 6455 §11.3.1", "more than one Sec-WebSocket-Key"),
    INVALID_KEY(400, "RFC 6455 §4.2.1 (5)", "Sec-WebSocket-Key is not the base64 form of 16 bytes"),
    MISSING_VERSION(400, "RFC 6455 §4.2.1 (6)", "no Sec-WebSocket-Version"),
    DUPLICATE_VERSION(400, "RFC 6455 §11.3.5", "more than one Sec-WebSocket-Version"),
    UNSUPPORTED_VERSION(426, "RFC 6455 §4.2.2 (4)", "Sec-WebSocket-Version is not 13 (answer with Sec-WebSocket-Version: 13)");

    private final int status;
    private final String rule;
    private final String description;

    HandshakeViolation(int status, String rule, String description) {
        this.status = status;
        this.rule = rule;
        this.description = description;
    }

    /** The HTTP status to refuse with. */
    public int status() {
        return status;
    }

    /** The RFC section (or "Condure") this enforces. */
    public String rule() {
        return rule;
    }

    public String description() {
        return description;
    }
}
