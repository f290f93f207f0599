package io.condurejava.zmq.ipc;

import java.io.Serial;

/** Binding or connecting an endpoint failed; the message names the endpoint. Any thread. */
public final class ZmqEndpointException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    ZmqEndpointException(String endpoint, String problem) {
        super(endpoint + ": " + problem);
    }

    ZmqEndpointException(String endpoint, String problem, Throwable cause) {
        super(endpoint + ": " + problem + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage();
        return text == null || text.isBlank() ? " (" + cause.getClass().getSimpleName() + ")" : " (" + text + ")";
    }
}
