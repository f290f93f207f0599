package io.condurejava.client;

/** ZHTTP {@code error} condition names client mode sends (reference §4.3; Condure 1.10 / zurl). Constants; any thread. */
final class Conditions {
    static final String REMOTE_CONNECTION_FAILED = "remote-connection-failed";
    static final String CONNECTION_TIMEOUT = "connection-timeout";
    static final String BAD_REQUEST = "bad-request";
    static final String TLS_ERROR = "tls-error";
    static final String POLICY_VIOLATION = "policy-violation";
    static final String TOO_MANY_REDIRECTS = "too-many-redirects";
    /** A req-mode response body over the limit (zurl and Pushpin's comments call it max-size-exceeded). */
    static final String MAX_SIZE_EXCEEDED = "max-size-exceeded";
    static final String UNDEFINED = "undefined-condition";

    private Conditions() {
    }
}
