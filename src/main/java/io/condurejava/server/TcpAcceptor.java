package io.condurejava.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Listens on a TCP address; each accepted socket becomes a {@link ClientSocket} (plain, or TLS to be). */
final class TcpAcceptor implements Acceptor {
    private static final int BACKLOG = 1024;

    /** Turns an accepted socket into a client connection (wrapping it for TLS where the spec says so). */
    interface Wrapper {
        ClientSocket wrap(Socket socket) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final Wrapper wrapper;

    TcpAcceptor(InetSocketAddress address, Wrapper wrapper) throws IOException {
        this.wrapper = wrapper;
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address, BACKLOG);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    @Override
    public ClientSocket accept() throws IOException {
        Socket socket = serverSocket.accept();
        try {
            return wrapper.wrap(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        InetSocketAddress a = localAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
