package io.condurejava.zmq.zmtp;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound endpoint of a {@link ZmtpSocket}: accepts handler connections without blocking and hands each to
 * its socket as a new {@link ZmtpPeer}. Runs on the ZeroMQ thread.
 */
final class ZmtpListener implements ChannelWatcher {
    private static final Logger log = LoggerFactory.getLogger("zhttp");

    private final ZmtpSocket owner;
    private final ServerSocketChannel channel;
    private final String endpoint;

    ZmtpListener(ZmtpSocket owner, ServerSocketChannel channel, String endpoint) {
        this.owner = owner;
        this.channel = channel;
        this.endpoint = endpoint;
    }

    ServerSocketChannel channel() {
        return channel;
    }

    @Override
    public void onReady(SelectionKey key) {
        while (true) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                // e.g. out of file descriptors: the next readiness tries again
                log.warn("{}: accepting a handler connection failed: {}", endpoint, e.toString());
                return;
            }
            if (accepted == null) {
                return;
            }
            owner.accepted(accepted, endpoint);
        }
    }
}
