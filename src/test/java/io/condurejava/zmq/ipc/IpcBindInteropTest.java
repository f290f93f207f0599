package io.condurejava.zmq.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A JeroMQ PULL bound on a real ipc:// Unix socket receives from a libzmq (pyzmq) PUSH. Test thread. */
class IpcBindInteropTest {

    static final int MESSAGE_COUNT = 1000;
    static final int BIG_INDEX = 500;
    static final int BIG_FRAME_BYTES = 1024 * 1024;
    static final int RECEIVE_TIMEOUT_MILLIS = 10_000;

    static final String PUSH_SCRIPT = """
            import sys, zmq
            c = zmq.Context()
            s = c.socket(zmq.PUSH)
            s.connect(sys.argv[1])
            big = bytes(range(256)) * 4096
            for i in range(1000):
                if i == 500:
                    s.send_multipart([b"big", big])
                elif i % 10 == 0:
                    s.send_multipart([b"multi", str(i).encode(), b"", b"end"])
                else:
                    s.send(b"msg %d" % i)
            s.close(linger=10000)
            c.term()
            print("SENT", flush=True)
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void needPython() {
        PythonPeer.assumeAvailable();
    }

    @Test
    void pyzmqPushReachesJeromqPullOverUnixSocket() throws Exception {
        String endpoint = "ipc://" + dir.resolve("x");
        try (ZContext context = new ZContext()) {
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            try (EndpointHandle handle = ZmqEndpoints.bind(pull, endpoint, 0);
                    PythonPeer python = PythonPeer.start(PUSH_SCRIPT, endpoint)) {
                pull.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
                assertEquals(endpoint, handle.endpoint());
                for (int i = 0; i < MESSAGE_COUNT; i++) {
                    List<byte[]> frames = receiveMessage(pull, python);
                    if (i == BIG_INDEX) {
                        assertEquals(2, frames.size());
                        assertEquals("big", text(frames.get(0)));
                        assertArrayEquals(bigFrame(), frames.get(1), "1 MB frame intact");
                    } else if (i % 10 == 0) {
                        assertEquals(List.of("multi", Integer.toString(i), "", "end"),
                                frames.stream().map(IpcBindInteropTest::text).toList());
                    } else {
                        assertEquals(1, frames.size());
                        assertEquals("msg " + i, text(frames.get(0)));
                    }
                }
                assertEquals(0, python.awaitExit(10), () -> "python output: " + python.lines());
                assertEquals(List.of("SENT"), python.lines());
            }
        }
    }

    static List<byte[]> receiveMessage(ZMQ.Socket socket, PythonPeer python) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv();
            assertNotNull(frame, () -> "timed out waiting for a message; python output: " + python.lines());
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return frames;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bigFrame() {
        byte[] big = new byte[BIG_FRAME_BYTES];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        return big;
    }
}
