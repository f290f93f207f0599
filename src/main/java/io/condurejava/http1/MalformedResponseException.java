package io.condurejava.http1;

import java.io.IOException;

/** An origin's response head or framing breaks an HTTP/1.1 rule; the message says which. Any thread. */
public final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
