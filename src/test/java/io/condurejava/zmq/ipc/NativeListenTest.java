package io.condurejava.zmq.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZmqEndpoints#listen}, the listeners natively spoken sockets bind: ipc files (mode, stale files, in use,
 * removal) and TCP ports, with errors that name the endpoint. Test thread.
 */
class NativeListenTest {

    @TempDir
    Path dir;

    @Test
    void anIpcListenerTakesConnectionsGetsItsFileModeAndRemovesTheFileWhenClosed() throws Exception {
        Path path = dir.resolve("client-out");
        ZmqEndpoints.Listening listening = ZmqEndpoints.listen("ipc://" + path, 0600);
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
             SocketChannel accepted = listening.channel().accept()) {
            assertTrue(client.isConnected() && accepted != null);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        } finally {
            listening.handle().close();
        }
        assertFalse(Files.exists(path), "the socket file is removed with the handle");
        assertFalse(listening.channel().isOpen());
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveOneIsInUse() throws Exception {
        Path path = dir.resolve("client-in");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(path));
        dead.close(); // the file stays, nobody accepts: a crashed server's leftover
        assertTrue(Files.exists(path));

        ZmqEndpoints.Listening listening = ZmqEndpoints.listen("ipc://" + path, 0);
        try {
            ZmqEndpointException inUse = assertThrows(ZmqEndpointException.class,
                    () -> ZmqEndpoints.listen("ipc://" + path, 0));
            assertTrue(inUse.getMessage().startsWith("ipc://" + path + ": "), inUse.getMessage());
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                assertTrue(client.isConnected(), "the first listener still has the path");
            }
        } finally {
            listening.handle().close();
        }
    }

    @Test
    void badEndpointsAreRefusedNamingTheEndpoint() {
        for (String endpoint : new String[] {"ipc://" + dir.resolve("missing-dir/sock"), "tcp://127.0.0.1:http",
                "tcp://127.0.0.1:70000", "inproc://nope"}) {
            ZmqEndpointException e = assertThrows(ZmqEndpointException.class, () -> ZmqEndpoints.listen(endpoint, 0));
            assertTrue(e.getMessage().startsWith(endpoint + ": "), e.getMessage());
        }
        ZmqEndpointException mode = assertThrows(ZmqEndpointException.class,
                () -> ZmqEndpoints.listen("ipc://" + dir.resolve("m"), 01000));
        assertTrue(mode.getMessage().contains("file mode 1000"), mode.getMessage());
    }

    @Test
    void aTcpListenerBindsTheNamedAddressAndPort() throws Exception {
        ZmqEndpoints.Listening listening = ZmqEndpoints.listen("tcp://127.0.0.1:0", 0);
        try {
            InetSocketAddress bound = (InetSocketAddress) listening.channel().getLocalAddress();
            assertEquals("127.0.0.1", bound.getAddress().getHostAddress());
            try (SocketChannel client = SocketChannel.open(bound)) {
                assertTrue(client.isConnected());
            }
        } finally {
            listening.handle().close();
        }
        assertFalse(listening.channel().isOpen());
    }
}
