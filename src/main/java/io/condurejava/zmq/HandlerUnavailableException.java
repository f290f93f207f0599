package io.condurejava.zmq;

/**
 * A message could not be queued for the handlers within the session timeout: no handler is taking
 * messages (none connected, or its high-water mark stays reached). The session gives up; thrown on
 * the connection thread.
 */
public final class HandlerUnavailableException extends Exception {
    public HandlerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
