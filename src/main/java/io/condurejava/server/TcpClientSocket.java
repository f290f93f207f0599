package io.condurejava.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A plain TCP client connection (TCP_NODELAY and SO_KEEPALIVE on, as in Condure). */
final class TcpClientSocket implements ClientSocket {
    private final Socket socket;

    TcpClientSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public String peerAddress() {
        return PeerAddress.format(socket.getInetAddress());
    }

    @Override
    public int peerPort() {
        return socket.getPort();
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
