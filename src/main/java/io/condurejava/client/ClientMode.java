package io.condurejava.client;

import io.condurejava.config.Settings;
import io.condurejava.zmq.Outbox;
import io.condurejava.zmq.ZServerChannel;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/**
 * Client mode ({@code --zserver-stream}, Condure 1.10 / issue #6): condure-java makes outgoing
 * HTTP/1.1 requests for ZHTTP initiators. Owns the {@link ZServerChannel} (whose sockets the ZeroMQ
 * hub runs) and the live sessions. Made and closed by the Server on its starting / stopping thread.
 */
public final class ClientMode implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final ZServerChannel channel;
    private final ClientSessions sessions;

    private ClientMode(ZServerChannel channel, ClientSessions sessions) {
        this.channel = channel;
        this.sessions = sessions;
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
                s.zserverConnect(), s.ipcFileMode(), s.zmqHwm(), queue), outbox);
        int readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, TimeUnit.SECONDS.toMillis(s.streamTimeoutSeconds()));
        OriginConnector connector = new OriginConnector(s.denyOutInternal(), ClientTls.load(), readTimeoutMillis);
        ClientConfig config = new ClientConfig(s.id(), channel, connector, s.bufferSize(),
                TimeUnit.SECONDS.toNanos(s.sessionTimeoutSeconds()));
        ClientSessions sessions = new ClientSessions(config, s.streamMaxconn(),
                TimeUnit.SECONDS.toNanos(s.keepAliveIntervalSeconds()));
        channel.setSink(sessions);
        return new ClientMode(channel, sessions);
    }

    /** The sockets, for the ZeroMQ hub. */
    public ZServerChannel channel() {
        return channel;
    }

    /** Client-mode sessions in progress. */
    public int liveSessions() {
        return sessions.size();
    }

    /** Cancels the sessions in progress (their cancels are queued before the hub stops). */
    @Override
    public void close() {
        sessions.close(CLOSE_WAIT_MILLIS);
    }
}
