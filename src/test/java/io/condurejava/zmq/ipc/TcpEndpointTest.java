package io.condurejava.zmq.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** tcp:// and inproc:// endpoints go straight to JeroMQ through the same API. Test thread. */
class TcpEndpointTest {

    static final int RECEIVE_TIMEOUT_MILLIS = 10_000;

    private final ZContext context = new ZContext();

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void tcpBindReportsThePortAndConnectDelivers() throws Exception {
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        pull.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        ZMQ.Socket push = context.createSocket(SocketType.PUSH);
        try (EndpointHandle bound = ZmqEndpoints.bind(pull, "tcp://127.0.0.1:*", 0)) {
            assertTrue(bound.endpoint().matches("tcp://127\\.0\\.0\\.1:\\d+"), bound.endpoint());
            try (EndpointHandle connected = ZmqEndpoints.connect(push, bound.endpoint())) {
                assertEquals(bound.endpoint(), connected.endpoint());
                push.send("over tcp");
                assertEquals("over tcp", pull.recvStr());
            }
        }
    }

    @Test
    void inprocBindAndConnectDeliver() throws Exception {
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        pull.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        ZMQ.Socket push = context.createSocket(SocketType.PUSH);
        try (EndpointHandle bound = ZmqEndpoints.bind(pull, "inproc://endpoint-test", 0);
                EndpointHandle connected = ZmqEndpoints.connect(push, "inproc://endpoint-test")) {
            assertEquals("inproc://endpoint-test", bound.endpoint());
            push.send("in process");
            assertEquals("in process", pull.recvStr());
        }
    }

    @Test
    void tcpAddressInUseNamesTheEndpoint() throws Exception {
        try (EndpointHandle first = ZmqEndpoints.bind(context.createSocket(SocketType.PULL), "tcp://127.0.0.1:*", 0)) {
            String taken = first.endpoint();
            ZmqEndpointException e = assertThrows(ZmqEndpointException.class,
                    () -> ZmqEndpoints.bind(context.createSocket(SocketType.PULL), taken, 0));
            assertTrue(e.getMessage().startsWith(taken + ": bind failed"), e.getMessage());
        }
    }

    @Test
    void unknownTransportNamesTheEndpoint() {
        ZmqEndpointException e = assertThrows(ZmqEndpointException.class,
                () -> ZmqEndpoints.connect(context.createSocket(SocketType.PUSH), "bogus://x"));
        assertTrue(e.getMessage().startsWith("bogus://x: "), e.getMessage());
    }
}
