package io.condurejava.client;

/** An outgoing exchange failed with a ZHTTP condition (sent as {@code error} before the response, else as {@code cancel}). Any thread. */
final class ClientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String condition;

    ClientFailure(String condition, String message) {
        super(message);
        this.condition = condition;
    }

    ClientFailure(String condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition;
    }

    String condition() {
        return condition;
    }
}
