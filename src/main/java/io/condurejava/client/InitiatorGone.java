package io.condurejava.client;

/** The initiator ended the session (cancel, error, bad seq, silence, or its queue overflowed): stop without an error packet. Any thread. */
final class InitiatorGone extends Exception {
    private static final long serialVersionUID = 1L;

    /** True when a {@code cancel} should still be sent (we are the ones giving up). */
    private final boolean sendCancel;

    InitiatorGone(String message, boolean sendCancel) {
        super(message);
        this.sendCancel = sendCancel;
    }

    boolean sendCancel() {
        return sendCancel;
    }
}
