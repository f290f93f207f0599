package io.condurejava.zhttp;

/**
 * A ZHTTP payload could not be decoded; the message says which field or rule was violated.
 * Carries no stack trace (it is thrown for untrusted input, often). Any thread.
 */
public final class ZhttpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ZhttpFormatException(String message) {
        super(message, null, false, false);
    }
}
