package io.condurejava.zmq.ipc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import org.zeromq.ZMQ;

/**
 * Binds or connects a JeroMQ socket to an endpoint, making {@code ipc://} real Unix-domain sockets.
 * JeroMQ 0.6.0 carries {@code ipc://} over loopback TCP, which libzmq peers (pyzmq, Pushpin) cannot reach;
 * here the JeroMQ socket uses a loopback TCP port and a {@link Relay} moves the ZMTP bytes between that port
 * and the Unix socket. Call on the thread that owns the socket.
 */
public final class ZmqEndpoints {

    /** Loopback address the relays and JeroMQ meet on (IPv4, as JeroMQ's tcp:// defaults to). */
    static final String LOOPBACK_HOST = "127.0.0.1";
    private static final String TCP_PREFIX = "tcp://";
    /** Loopback endpoint JeroMQ binds on behind an ipc:// bind; JeroMQ picks the port. */
    static final String LOOPBACK_ANY_PORT = "tcp://" + LOOPBACK_HOST + ":*";
    /** Accept backlog of the relay listeners. */
    static final int RELAY_BACKLOG_CONNECTIONS = 64;
    /**
     * ZMTP handshake deadline of a connecting socket (ZMQ_HANDSHAKE_IVL; ZeroMQ's default is 30 s). JeroMQ 0.6.0
     * sometimes never watches a freshly connected channel (its poller meets the connecter's cancelled key, see
     * zeromq/jeromq#1022), so the handshake stalls until this deadline drops the connection and JeroMQ
     * reconnects. A NULL-mechanism handshake is a few dozen bytes: two seconds is plenty even under load.
     */
    public static final int CONNECT_HANDSHAKE_MILLIS = 2000;
    private static final int ZEROMQ_DEFAULT_HANDSHAKE_MILLIS = 30_000;

    private ZmqEndpoints() {
    }

    /**
     * Binds {@code socket} to {@code endpoint}. {@code tcp://…} and {@code inproc://…} go straight to JeroMQ;
     * {@code ipc://PATH} binds a Unix-domain socket at PATH (a stale socket file there is replaced) and relays
     * it to the JeroMQ socket. {@code fileMode}: octal permission bits (at most 0777) to chmod a bound ipc file
     * to, 0 to leave it as created. Closing the returned handle stops the relay and removes the socket file.
     *
     * @throws ZmqEndpointException naming the endpoint, e.g. when its directory is missing or it is in use
     */
    public static EndpointHandle bind(ZMQ.Socket socket, String endpoint, int fileMode) throws ZmqEndpointException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoint.startsWith(IpcSocketFile.IPC_PREFIX)) {
            zmqBind(socket, endpoint, endpoint);
            return new DirectHandle(lastEndpointOr(socket, endpoint));
        }
        Path path = IpcSocketFile.pathOf(endpoint);
        UnixListener listener = bindUnix(endpoint, path, fileMode);
        ServerSocketChannel unix = listener.channel();
        IpcSocketFile file = listener.file();
        try {
            zmqBind(socket, LOOPBACK_ANY_PORT, endpoint);
            InetSocketAddress jeromq = loopbackAddressOf(socket.getLastEndpoint(), endpoint);
            Relay.Opener toJeromq = () -> SocketChannel.open(jeromq);
            return new Relay(endpoint, path.toString(), unix, toJeromq, file::removeIfOurs).start();
        } catch (ZmqEndpointException e) {
            closeQuietly(unix);
            file.removeIfOurs();
            throw e;
        }
    }

    /** A channel listening on a bound endpoint, and the handle that stops it (removing an ipc socket file). */
    public record Listening(ServerSocketChannel channel, EndpointHandle handle) {}

    /**
     * Opens a listening channel for {@code endpoint} without JeroMQ, for a socket that speaks ZMTP itself:
     * {@code ipc://PATH} binds a Unix-domain socket there (a stale socket file is replaced, {@code fileMode}
     * applied as in {@link #bind}); {@code tcp://HOST:PORT} binds a TCP port ({@code *} for every address).
     *
     * @throws ZmqEndpointException naming the endpoint, e.g. when its directory is missing or it is in use
     */
    public static Listening listen(String endpoint, int fileMode) throws ZmqEndpointException {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.startsWith(IpcSocketFile.IPC_PREFIX)) {
            UnixListener listener = bindUnix(endpoint, IpcSocketFile.pathOf(endpoint), fileMode);
            return new Listening(listener.channel(),
                    new ListenerHandle(endpoint, listener.channel(), listener.file()::removeIfOurs));
        }
        if (endpoint.startsWith(TCP_PREFIX)) {
            InetSocketAddress address = tcpAddressOf(endpoint);
            ServerSocketChannel tcp = null;
            try {
                tcp = ServerSocketChannel.open();
                tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                tcp.bind(address, RELAY_BACKLOG_CONNECTIONS);
                return new Listening(tcp, new ListenerHandle(endpoint, tcp, () -> { }));
            } catch (IOException | RuntimeException e) {
                closeQuietly(tcp);
                throw new ZmqEndpointException(endpoint, "cannot listen on " + address, e);
            }
        }
        throw new ZmqEndpointException(endpoint, "only ipc:// and tcp:// endpoints can be listened on");
    }

    private record UnixListener(ServerSocketChannel channel, IpcSocketFile file) {}

    /** Binds a Unix listener at {@code path} (replacing a stale socket file) and applies {@code fileMode}. */
    private static UnixListener bindUnix(String endpoint, Path path, int fileMode) throws ZmqEndpointException {
        if (fileMode < 0 || fileMode > IpcSocketFile.MAX_FILE_MODE) {
            throw new ZmqEndpointException(endpoint, "file mode " + Integer.toOctalString(fileMode)
                    + " is outside 0..777 (octal)");
        }
        IpcSocketFile file = IpcSocketFile.prepareBind(endpoint, path);
        ServerSocketChannel unix = openUnixListener(endpoint, path);
        file.markBound();
        try {
            if (fileMode != 0) {
                file.chmod(fileMode);
            }
        } catch (ZmqEndpointException e) {
            closeQuietly(unix);
            file.removeIfOurs();
            throw e;
        }
        return new UnixListener(unix, file);
    }

    private static InetSocketAddress tcpAddressOf(String endpoint) throws ZmqEndpointException {
        String rest = endpoint.substring(TCP_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new ZmqEndpointException(endpoint, "tcp endpoint has no port");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ZmqEndpointException(endpoint, "tcp endpoint port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new ZmqEndpointException(endpoint, "tcp endpoint port out of range");
        }
        return host.equals("*") || host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /**
     * Connects {@code socket} to {@code endpoint}. {@code tcp://…} and {@code inproc://…} go straight to JeroMQ;
     * for {@code ipc://PATH} JeroMQ connects to a loopback relay port that opens a Unix-domain connection to PATH
     * per JeroMQ connection. PATH need not exist yet: JeroMQ keeps reconnecting until it does.
     * A socket still on ZeroMQ's default handshake deadline gets {@link #CONNECT_HANDSHAKE_MILLIS}.
     * Closing the returned handle stops the relay.
     *
     * @throws ZmqEndpointException naming the endpoint
     */
    public static EndpointHandle connect(ZMQ.Socket socket, String endpoint) throws ZmqEndpointException {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(endpoint, "endpoint");
        if (socket.getHandshakeIvl() == ZEROMQ_DEFAULT_HANDSHAKE_MILLIS) {
            socket.setHandshakeIvl(CONNECT_HANDSHAKE_MILLIS);
        }
        if (!endpoint.startsWith(IpcSocketFile.IPC_PREFIX)) {
            zmqConnect(socket, endpoint, endpoint);
            return new DirectHandle(endpoint);
        }
        Path path = IpcSocketFile.pathOf(endpoint);
        ServerSocketChannel tcp = openLoopbackListener(endpoint);
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(path);
        Relay relay = new Relay(endpoint, path.toString(), tcp, () -> SocketChannel.open(target), () -> { });
        try {
            int port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            relay.start();
            zmqConnect(socket, "tcp://" + LOOPBACK_HOST + ":" + port, endpoint);
            return relay;
        } catch (ZmqEndpointException e) {
            relay.close();
            throw e;
        } catch (IOException e) {
            relay.close();
            throw new ZmqEndpointException(endpoint, "cannot read the relay's loopback port", e);
        }
    }

    private static void zmqBind(ZMQ.Socket socket, String address, String endpoint) throws ZmqEndpointException {
        try {
            if (!socket.bind(address)) {
                throw new ZmqEndpointException(endpoint, "bind failed (errno " + socket.errno() + ")");
            }
        } catch (RuntimeException e) {
            throw new ZmqEndpointException(endpoint, "bind failed", e);
        }
    }

    private static void zmqConnect(ZMQ.Socket socket, String address, String endpoint) throws ZmqEndpointException {
        try {
            if (!socket.connect(address)) {
                throw new ZmqEndpointException(endpoint, "connect failed (errno " + socket.errno() + ")");
            }
        } catch (RuntimeException e) {
            throw new ZmqEndpointException(endpoint, "connect failed", e);
        }
    }

    private static String lastEndpointOr(ZMQ.Socket socket, String endpoint) {
        String last = socket.getLastEndpoint();
        return last == null || last.isEmpty() ? endpoint : last;
    }

    private static ServerSocketChannel openUnixListener(String endpoint, Path path) throws ZmqEndpointException {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(path), RELAY_BACKLOG_CONNECTIONS);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new ZmqEndpointException(endpoint, "cannot bind Unix socket " + path, e);
        }
    }

    private static ServerSocketChannel openLoopbackListener(String endpoint) throws ZmqEndpointException {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress(LOOPBACK_HOST, 0), RELAY_BACKLOG_CONNECTIONS);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new ZmqEndpointException(endpoint, "cannot open loopback relay port", e);
        }
    }

    private static InetSocketAddress loopbackAddressOf(String lastEndpoint, String endpoint) throws ZmqEndpointException {
        int colon = lastEndpoint == null ? -1 : lastEndpoint.lastIndexOf(':');
        try {
            int port = Integer.parseInt(lastEndpoint.substring(colon + 1));
            return new InetSocketAddress(LOOPBACK_HOST, port);
        } catch (RuntimeException e) {
            throw new ZmqEndpointException(endpoint, "cannot read JeroMQ's loopback port from " + lastEndpoint, e);
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing else to release
            }
        }
    }
}
