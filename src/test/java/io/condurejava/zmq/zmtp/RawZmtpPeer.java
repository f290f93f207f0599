package io.condurejava.zmq.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * A ZMTP 3.0 peer driven byte by byte over a blocking connection, for tests that need exact wire control.
 * TCP reads time out after {@link #READ_TIMEOUT_MILLIS}; Unix-socket reads rely on the test's own timeout
 * (an interrupt closes the channel). Test thread only.
 */
final class RawZmtpPeer implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 10_000;

    /** One frame as read: MORE/LONG/COMMAND flags as on the wire, and the body. */
    record Frame(int flags, byte[] body) {
        boolean command() {
            return (flags & Frames.COMMAND) != 0;
        }
    }

    private final Closeable connection;
    private final DataInputStream in;
    private final OutputStream out;

    private RawZmtpPeer(Closeable connection, InputStream in, OutputStream out) {
        this.connection = connection;
        this.in = new DataInputStream(in);
        this.out = out;
    }

    /** Connects to {@code tcp://HOST:PORT}; a positive {@code receiveBufferBytes} shrinks the socket's buffer. */
    static RawZmtpPeer tcp(String endpoint, int receiveBufferBytes) throws IOException {
        URI uri = URI.create(endpoint);
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), READ_TIMEOUT_MILLIS);
        return new RawZmtpPeer(socket, socket.getInputStream(), socket.getOutputStream());
    }

    /** Connects to {@code ipc://PATH} (a Unix-domain socket). */
    static RawZmtpPeer ipc(String endpoint) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(endpoint.substring("ipc://".length())));
        return new RawZmtpPeer(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void writeFrame(int flags, byte[] body) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Frames.encodedSize(body.length));
        Frames.put(frame, flags, body);
        write(frame.array());
    }

    byte[] readExactly(int count) throws IOException {
        byte[] bytes = new byte[count];
        in.readFully(bytes);
        return bytes;
    }

    Frame readFrame() throws IOException {
        int flags = in.readUnsignedByte();
        long size = (flags & Frames.LONG) != 0 ? in.readLong() : in.readUnsignedByte();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("frame of " + size + " bytes");
        }
        return new Frame(flags, readExactly((int) size));
    }

    /**
     * The handshake of a well-behaved peer of type {@code socketType}: greetings both ways, the server's READY
     * read (its properties returned), ours sent.
     */
    Map<String, byte[]> handshake(String socketType) throws Exception {
        write(Greeting.ours());
        byte[] greeting = readExactly(Greeting.BYTES);
        assertNull(Greeting.problemWith(greeting), "the server's greeting");
        assertEquals(0, greeting[32], "the server greets as-server = 0, as libzmq does");
        Frame ready = readFrame();
        assertEquals(Frames.COMMAND, ready.flags(), "READY is a short command frame");
        assertEquals(Commands.READY, Commands.name(ready.body()));
        writeFrame(Frames.COMMAND, Commands.ready(socketType));
        return Commands.readyProperties(ready.body());
    }

    /**
     * Reads until the server closes the connection (end of stream or reset); returns what came before. Fails
     * the test when the read times out.
     */
    byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("connection still open after " + READ_TIMEOUT_MILLIS + " ms", e);
            } catch (AsynchronousCloseException e) {
                throw new AssertionError("interrupted while waiting for the server to close", e);
            } catch (IOException e) {
                return before.toByteArray(); // reset by the server
            }
            if (n < 0) {
                return before.toByteArray();
            }
            before.write(chunk, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
