package io.condurejava.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/** A client connection on a Unix domain socket listener (blocking channel; no peer address). */
final class UnixClientSocket implements ClientSocket {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    UnixClientSocket(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public String peerAddress() {
        return null;
    }

    @Override
    public int peerPort() {
        return -1;
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
