package io.condurejava.zmq.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The socket file of an ipc:// bind: mode, removal, stale and foreign files, missing directories. Test thread. */
class IpcSocketFileTest {

    static final int RECEIVE_TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dir;

    private final ZContext context = new ZContext();

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void boundFileGetsMode0777() throws Exception {
        Path path = dir.resolve("open");
        try (EndpointHandle handle = bindPull("ipc://" + path, 0777)) {
            assertEquals(PosixFilePermissions.fromString("rwxrwxrwx"), Files.getPosixFilePermissions(path));
        }
    }

    @Test
    void boundFileGetsMode0700() throws Exception {
        Path path = dir.resolve("private");
        try (EndpointHandle handle = bindPull("ipc://" + path, 0700)) {
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(path));
        }
    }

    @Test
    void modeBitsMapToPermissions() {
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), IpcSocketFile.permissionsOf(0640));
        assertEquals(PosixFilePermissions.fromString("--x-w-r--"), IpcSocketFile.permissionsOf(0124));
    }

    @Test
    void modeAbove0777IsRejected() {
        ZmqEndpointException e = assertThrows(ZmqEndpointException.class,
                () -> bindPull("ipc://" + dir.resolve("sticky"), 01777));
        assertTrue(e.getMessage().contains("1777"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("sticky")));
    }

    @Test
    void fileIsASocketWhileBoundAndRemovedAfterClose() throws Exception {
        Path path = dir.resolve("x");
        EndpointHandle handle = bindPull("ipc://" + path, 0);
        assertTrue(Files.exists(path));
        assertFalse(Files.isRegularFile(path));
        handle.close();
        assertFalse(Files.exists(path), "socket file removed on close");
        handle.close(); // idempotent
    }

    @Test
    void staleSocketFileIsReplacedAndTheNewBindWorks() throws Exception {
        Path path = dir.resolve("stale");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "closing a Java Unix listener leaves its file behind");
        String endpoint = "ipc://" + path;
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        pull.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        ZMQ.Socket push = context.createSocket(SocketType.PUSH);
        try (EndpointHandle bound = ZmqEndpoints.bind(pull, endpoint, 0);
                EndpointHandle connected = ZmqEndpoints.connect(push, endpoint)) {
            push.send("through the new socket");
            assertEquals("through the new socket", pull.recvStr());
        }
    }

    @Test
    void socketFileSomeoneAcceptsOnIsInUse() throws Exception {
        Path path = dir.resolve("live");
        try (EndpointHandle first = bindPull("ipc://" + path, 0)) {
            ZmqEndpointException e = assertThrows(ZmqEndpointException.class, () -> bindPull("ipc://" + path, 0));
            assertTrue(e.getMessage().startsWith("ipc://" + path + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertTrue(Files.exists(path), "the first bind keeps its file");
        }
    }

    @Test
    void regularFileAtThePathIsRefusedAndKept() throws Exception {
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "precious");
        ZmqEndpointException e = assertThrows(ZmqEndpointException.class, () -> bindPull("ipc://" + path, 0));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertArrayEquals("precious".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(path));
    }

    @Test
    void missingDirectoryNamesTheEndpoint() {
        String endpoint = "ipc://" + dir.resolve("no-such-dir").resolve("x");
        ZmqEndpointException e = assertThrows(ZmqEndpointException.class, () -> bindPull(endpoint, 0));
        assertTrue(e.getMessage().contains(endpoint), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void malformedIpcEndpointsAreRejected() {
        for (String endpoint : new String[] {"ipc://", "ipc://*", "ipc://@abstract"}) {
            ZmqEndpointException e = assertThrows(ZmqEndpointException.class, () -> bindPull(endpoint, 0));
            assertTrue(e.getMessage().startsWith(endpoint + ": "), e.getMessage());
        }
    }

    private EndpointHandle bindPull(String endpoint, int fileMode) throws ZmqEndpointException {
        return ZmqEndpoints.bind(context.createSocket(SocketType.PULL), endpoint, fileMode);
    }
}
