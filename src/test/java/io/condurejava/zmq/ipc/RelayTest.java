package io.condurejava.zmq.ipc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The byte relay on its own (Unix listener → plain TCP server) and JeroMQ's reconnect through it. Test thread. */
class RelayTest {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final int LARGE_PAYLOAD_BYTES = 3 * RelayedConnection.PUMP_BUFFER_BYTES + 17;

    @TempDir
    Path dir;

    private ServerSocketChannel farSide;
    private Relay relay;
    private Path path;

    @BeforeEach
    void startRelay() throws IOException {
        farSide = ServerSocketChannel.open(StandardProtocolFamily.INET);
        farSide.bind(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress far = (InetSocketAddress) farSide.getLocalAddress();
        path = dir.resolve("relay");
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(path));
        relay = new Relay("ipc://" + path, path.toString(), unix, () -> SocketChannel.open(far), () -> { }).start();
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        farSide.close();
    }

    @Test
    void bytesFlowBothWaysAndHalfCloseIsPassedOn() throws IOException {
        byte[] request = randomBytes(LARGE_PAYLOAD_BYTES, 1);
        byte[] response = randomBytes(LARGE_PAYLOAD_BYTES, 2);
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                SocketChannel server = farSide.accept()) {
            writeAll(client, request);
            client.shutdownOutput();
            assertArrayEquals(request, readToEnd(server), "request arrives whole, then end of stream");
            writeAll(server, response);
            server.shutdownOutput();
            assertArrayEquals(response, readToEnd(client), "response arrives whole, then end of stream");
        }
        await().atMost(DEADLINE).until(() -> relay.connectionCount() == 0);
    }

    @Test
    void closingTheRelayEndsOpenConnections() throws IOException {
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
                SocketChannel server = farSide.accept()) {
            await().atMost(DEADLINE).until(() -> relay.connectionCount() == 1);
            relay.close();
            assertEquals(0, relay.connectionCount());
            assertEquals(0, readToEnd(server).length, "far side sees the relay hang up");
            assertEquals(0, readToEnd(client).length, "near side sees the relay hang up");
        }
    }

    @Test
    void missingFarSideHangsUpOnTheAcceptedConnection() throws IOException {
        farSide.close();
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            assertEquals(0, readToEnd(client).length);
        }
        assertEquals(0, relay.connectionCount());
    }

    @Test
    void jeromqConnectedBeforeTheBindDeliversOnceTheSocketFileAppears() throws Exception {
        String endpoint = "ipc://" + dir.resolve("later");
        try (ZContext context = new ZContext()) {
            ZMQ.Socket push = context.createSocket(SocketType.PUSH);
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut((int) DEADLINE.toMillis());
            try (EndpointHandle connected = ZmqEndpoints.connect(push, endpoint)) {
                push.send("queued before the bind");
                try (EndpointHandle bound = ZmqEndpoints.bind(pull, endpoint, 0)) {
                    assertEquals("queued before the bind", pull.recvStr());
                }
            }
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void writeAll(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads until end of stream; a reset counts as the end. */
    private static byte[] readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buffer) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException e) {
            // connection reset: the peer is gone, which is what the caller waits for
        }
        return all.toByteArray();
    }
}
