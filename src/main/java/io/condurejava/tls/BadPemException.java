package io.condurejava.tls;

/**
 * The content of a PEM file is unusable: bad PEM or DER syntax, an encrypted or unsupported key.
 * The message says what, without the file name (the caller adds it). Immutable; any thread.
 */
final class BadPemException extends Exception {
    private static final long serialVersionUID = 1L;

    BadPemException(String message) {
        super(message);
    }

    BadPemException(String message, Throwable cause) {
        super(message, cause);
    }
}
