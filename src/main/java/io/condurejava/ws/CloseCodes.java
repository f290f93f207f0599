package io.condurejava.ws;

/**
 * Close status codes of RFC 6455 §7.4 and the rule for which of them may appear in a close
 * frame. Pure; any thread.
 *
 * <p>Valid on the wire: 1000-1003, 1007-1011 and 3000-4999 (registered and private-use ranges).
 * Never valid: below 1000, 1004 (reserved), 1005 and 1006 (local-only "no status" and
 * "abnormal closure"), 1015 (local-only TLS failure), and the rest of 1012-2999 (reserved for
 * future RFCs; this includes the later IANA registrations 1012-1014, as the Autobahn test suite
 * expects). Change {@link #validOnWire} to accept them.
 */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Local only: the close frame had no status code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Local only: the connection ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    /** Local only: TLS handshake failure. */
    public static final int TLS_HANDSHAKE = 1015;

    /** A close payload is at most 125 bytes (RFC 6455 §5.5): 2 for the code, 123 for the reason. */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /** May this code be sent in (or received in) a close frame? */
    public static boolean validOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
    }
}
