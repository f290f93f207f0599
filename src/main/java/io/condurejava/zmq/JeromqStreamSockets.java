package io.condurejava.zmq;

import io.condurejava.zmq.zmtp.ZmtpSocket;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * Stream mode's PUSH, ROUTER and SUB as JeroMQ sockets (used for {@code --zclient-connect}, or when
 * {@code --native-zmtp=false}); ipc:// endpoints go through {@code ZmqEndpoints}' relays. ZeroMQ thread only.
 */
final class JeromqStreamSockets implements StreamSockets {
    private static final int MAX_ENVELOPE_FRAMES = 8;
    private static final byte[] EMPTY = new byte[0];
    static final int PUSH_BIT = 4;
    static final int ROUTER_BIT = 8;
    static final int SUB_BIT = 1;

    final ZMQ.Socket push;
    final ZMQ.Socket router;
    final ZMQ.Socket sub;

    JeromqStreamSockets(ZContext context, int initialSendHwm, int hwm, int inboundHwm, byte[] subscription) {
        push = context.createSocket(SocketType.PUSH);
        push.setSndHWM(initialSendHwm);
        push.setLinger(0);
        router = context.createSocket(SocketType.ROUTER);
        router.setSndHWM(hwm);
        router.setRouterMandatory(true);
        router.setLinger(0);
        sub = context.createSocket(SocketType.SUB);
        sub.setRcvHWM(inboundHwm);
        sub.setLinger(0);
        sub.subscribe(subscription);
    }

    @Override
    public void watch(HubSelector selector) {
        selector.add(sub, SUB_BIT);
        selector.add(push, PUSH_BIT);
        selector.add(router, ROUTER_BIT);
    }

    @Override
    public int beforeRound(HubSelector selector) {
        return 0; // JeroMQ's own I/O thread takes in what arrives
    }

    @Override
    public boolean sendInitial(byte[] payload, int offset, int length) {
        try {
            return push.send(payload, offset, length, ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            return false; // treated like EAGAIN: retried
        }
    }

    @Override
    public boolean canSendInitial() {
        return (push.getEvents() & ZMQ.Poller.POLLOUT) != 0;
    }

    @Override
    public ZmtpSocket.Route sendRouted(byte[] address, byte[] payload, int offset, int length) {
        int errno;
        try {
            if (router.send(address, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                router.send(EMPTY, ZMQ.SNDMORE | ZMQ.DONTWAIT);
                router.send(payload, offset, length, ZMQ.DONTWAIT);
                return ZmtpSocket.Route.SENT;
            }
            errno = router.errno();
        } catch (ZMQException e) {
            errno = e.getErrorCode(); // JeroMQ throws for ROUTER_MANDATORY's EHOSTUNREACH rather than returning false
        }
        return errno == ZError.EAGAIN ? ZmtpSocket.Route.FULL : ZmtpSocket.Route.UNREACHABLE;
    }

    @Override
    public byte[] receive() {
        byte[] frame = sub.recv(ZMQ.DONTWAIT);
        if (frame == null) {
            return null;
        }
        int extra = 0;
        while (sub.hasReceiveMore() && extra++ < MAX_ENVELOPE_FRAMES * 4) {
            sub.recv(ZMQ.DONTWAIT); // only the first frame counts (reference §1.3)
        }
        return frame;
    }

    @Override
    public boolean inputWaiting() {
        return (sub.getEvents() & ZMQ.Poller.POLLIN) != 0;
    }

    @Override
    public void afterRound() {
        // JeroMQ's I/O thread writes
    }

    @Override
    public void signalled(int fired) {
        // An output socket's signal is a command (a pipe became writable, a peer came or went): let
        // JeroMQ process it, or its ZMQ_FD stays readable and the thread would never sleep again
        // (it spun a core while idle until this was done).
        if ((fired & PUSH_BIT) != 0) {
            push.getEvents();
        }
        if ((fired & ROUTER_BIT) != 0) {
            router.getEvents();
        }
    }

    @Override
    public void tick(long nowNanos) {
        // JeroMQ enforces its own handshake deadline
    }

    @Override
    public boolean hasPendingOutput() {
        return false; // JeroMQ keeps its own queues; the linger at close covers them
    }

    @Override
    public void prepareClose(int lingerMillis) {
        push.setLinger(lingerMillis);
        router.setLinger(lingerMillis);
    }
}
