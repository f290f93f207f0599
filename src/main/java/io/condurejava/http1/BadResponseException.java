package io.condurejava.http1;

/** The handler's response cannot be written as valid HTTP/1.x; the message says why. Any thread. */
public final class BadResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadResponseException(String reason) {
        super(reason);
    }
}
