package io.condurejava.client;

import io.condurejava.config.Settings;
import io.condurejava.zmq.Outbox;
import io.condurejava.zmq.ZServerChannel;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/**
 * Client mode ({@code --zserver-stream}, {@code --zserver-req}; Condure 1.10 / issue #6):
 * condure-java makes outgoing HTTP/1.1 requests and WebSocket connections for ZHTTP initiators.
 * Owns the {@link ZServerChannel} (whose sockets the ZeroMQ hub runs), the live sessions and the
 * pool of idle origin connections. Made and closed by the Server on its starting / stopping thread.
 */
public final class ClientMode implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final ZServerChannel channel;
    private final ClientSessions sessions;
    private final OriginPool pool;

    private ClientMode(ZServerChannel channel, ClientSessions sessions, OriginPool pool) {
        this.channel = channel;
        this.sessions = sessions;
        this.pool = pool;
    }

    /**
     * Builds client mode from the settings; {@code outbox} is the hub's (its pipe wakes the hub).
     *
     * @throws IllegalArgumentException when a {@code --zserver-stream} base is not ipc:// or tcp://HOST:PORT
     * @throws GeneralSecurityException when the TLS trust store cannot be built
     */
    public static ClientMode create(Settings s, Outbox outbox) throws GeneralSecurityException, IOException {
        int queue = s.zmqQueueSize() > 0 ? s.zmqQueueSize() : s.zmqHwm();
        ZServerChannel channel = new ZServerChannel(new ZServerChannel.Options(s.id(), s.zserverStream(),
                s.zserverReq(), s.zserverConnect(), s.ipcFileMode(), s.zmqHwm(), queue), outbox);
        int readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.SECONDS.toMillis(s.streamTimeoutSeconds()));
        OriginConnector connector = new OriginConnector(s.denyOutInternal(), ClientTls.load(), readTimeoutMillis);
        OriginPool pool = new OriginPool(readTimeoutMillis);
        ClientConfig config = new ClientConfig(s.id(), channel, connector, pool, s.bufferSize(),
                TimeUnit.SECONDS.toNanos(s.sessionTimeoutSeconds()), TimeUnit.SECONDS.toNanos(s.streamTimeoutSeconds()),
                s.websocketMaxMessage(), s.bodyBufferSize(), s.compression());
        ClientSessions sessions = new ClientSessions(config, s.streamMaxconn(),
                TimeUnit.SECONDS.toNanos(s.keepAliveIntervalSeconds()));
        channel.setSink(sessions);
        return new ClientMode(channel, sessions, pool);
    }

    /** The sockets, for the ZeroMQ hub. */
    public ZServerChannel channel() {
        return channel;
    }

    /** Client-mode sessions in progress. */
    public int liveSessions() {
        return sessions.size();
    }

    /** Cancels the sessions in progress (their cancels are queued before the hub stops); closes idle origin connections. */
    @Override
    public void close() {
        sessions.close(CLOSE_WAIT_MILLIS);
        pool.close();
    }
}
