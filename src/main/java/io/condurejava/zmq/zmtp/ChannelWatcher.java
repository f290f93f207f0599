package io.condurejava.zmq.zmtp;

import java.nio.channels.SelectionKey;

/**
 * What a channel registered in the ZeroMQ thread's selector carries as its attachment: the selector calls it
 * when the channel is ready. Runs on the ZeroMQ thread.
 */
public interface ChannelWatcher {
    /** The channel of {@code key} is ready for what its interest set asks. */
    void onReady(SelectionKey key);
}
