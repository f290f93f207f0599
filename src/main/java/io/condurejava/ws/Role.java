package io.condurejava.ws;

/**
 * Which end of a WebSocket connection a codec object serves (RFC 6455 §5.1): a server reads
 * masked frames and writes unmasked ones, a client the opposite. Immutable; any thread.
 */
public enum Role {
    /** Accepted connection: incoming frames must be masked, outgoing frames are not. */
    SERVER,
    /** Outgoing connection: incoming frames must not be masked, outgoing frames are. */
    CLIENT;

    /** True when frames received in this role must carry a masking key. */
    boolean readsMasked() {
        return this == SERVER;
    }

    /** True when frames sent in this role carry a masking key. */
    boolean writesMasked() {
        return this == CLIENT;
    }
}
