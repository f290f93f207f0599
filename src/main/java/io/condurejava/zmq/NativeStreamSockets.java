package io.condurejava.zmq;

import io.condurejava.zmq.ipc.EndpointHandle;
import io.condurejava.zmq.ipc.ZmqEndpointException;
import io.condurejava.zmq.ipc.ZmqEndpoints;
import io.condurejava.zmq.zmtp.ZmtpSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stream mode's PUSH, ROUTER and SUB spoken by the ZeroMQ thread itself over the Unix or TCP listeners it
 * binds: no JeroMQ I/O thread and no ipc relay between a handler's bytes and the hub. Used for bound
 * sockets unless {@code --native-zmtp=false}. ZeroMQ thread only.
 */
final class NativeStreamSockets implements StreamSockets {
    private final ZmtpSocket push;
    private final ZmtpSocket router;
    private final ZmtpSocket sub;

    NativeStreamSockets(int initialSendHwm, int hwm, byte[] subscription) {
        push = new ZmtpSocket(ZmtpSocket.Type.PUSH, initialSendHwm, subscription);
        router = new ZmtpSocket(ZmtpSocket.Type.ROUTER, hwm, subscription);
        sub = new ZmtpSocket(ZmtpSocket.Type.SUB, hwm, subscription);
    }

    /** Binds one spec base's three endpoints; the handles (which remove ipc files) go to {@code handles}. */
    void bind(StreamEndpoints endpoints, int fileMode, List<EndpointHandle> handles) throws ZmqEndpointException {
        listen(push, endpoints.out(), fileMode, handles);
        listen(router, endpoints.outStream(), fileMode, handles);
        listen(sub, endpoints.in(), fileMode, handles);
    }

    private static void listen(ZmtpSocket socket, String endpoint, int fileMode, List<EndpointHandle> handles)
            throws ZmqEndpointException {
        ZmqEndpoints.Listening listening = ZmqEndpoints.listen(endpoint, fileMode);
        handles.add(listening.handle());
        socket.listen(listening.channel(), endpoint);
    }

    @Override
    public void watch(HubSelector selector) {
        try {
            push.start(selector.nioSelector());
            router.start(selector.nioSelector());
            sub.start(selector.nioSelector());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the ZeroMQ listeners", e);
        }
    }

    @Override
    public int beforeRound(HubSelector selector) {
        return selector.poll();
    }

    @Override
    public boolean sendInitial(byte[] payload, int offset, int length) {
        return push.send(payload, offset, length);
    }

    @Override
    public boolean canSendInitial() {
        return push.canSend();
    }

    @Override
    public ZmtpSocket.Route sendRouted(byte[] address, byte[] payload, int offset, int length) {
        return router.route(address, payload, offset, length);
    }

    @Override
    public byte[] receive() {
        return sub.receive();
    }

    @Override
    public boolean inputWaiting() {
        return sub.hasReceived();
    }

    @Override
    public void afterRound() {
        push.flush();
        router.flush();
        sub.flush();
    }

    @Override
    public void signalled(int fired) {
        // the selector already ran each connection's reads and writes
    }

    @Override
    public void tick(long nowNanos) {
        push.expireHandshakes(nowNanos);
        router.expireHandshakes(nowNanos);
        sub.expireHandshakes(nowNanos);
    }

    @Override
    public boolean hasPendingOutput() {
        return push.hasPendingOutput() || router.hasPendingOutput() || sub.hasPendingOutput();
    }

    @Override
    public void prepareClose(int lingerMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        push.close(deadline);
        router.close(deadline);
        sub.close(deadline);
    }
}
