package io.condurejava.pushpin;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A raw HTTP/1.1 client for a streamed (GRIP) response: sends one GET, reads the head, then hands
 * out the body line by line as chunks arrive. Used by one thread at a time (the one that reads).
 */
final class StreamClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int status;
    private boolean chunked;
    private String head;

    StreamClient(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the response head; returns the status. */
    int readHead() throws IOException {
        StringBuilder sb = new StringBuilder();
        String statusLine = OriginRequest.readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        status = Integer.parseInt(statusLine.split(" ")[1]);
        sb.append(statusLine).append('\n');
        String line;
        while ((line = OriginRequest.readLine(in)) != null && !line.isEmpty()) {
            sb.append(line).append('\n');
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        head = sb.toString();
        return status;
    }

    String head() {
        return head;
    }

    /** The next body line without its LF; waits for it (read timeout 15 s). */
    String nextLine() throws IOException {
        while (true) {
            byte[] b = pending.toByteArray();
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    pending.reset();
                    pending.write(b, i + 1, b.length - i - 1);
                    return new String(b, 0, i, StandardCharsets.UTF_8);
                }
            }
            readMore();
        }
    }

    private void readMore() throws IOException {
        if (!chunked) {
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("stream ended");
            }
            pending.write(buf, 0, n);
            return;
        }
        String sizeLine = OriginRequest.readLine(in);
        if (sizeLine == null) {
            throw new IOException("stream ended");
        }
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            throw new IOException("stream ended with the last chunk");
        }
        byte[] data = in.readNBytes(size);
        if (data.length != size) {
            throw new IOException("stream ended inside a chunk");
        }
        pending.writeBytes(data);
        OriginRequest.readLine(in);
    }

    /** Closes abruptly with a TCP reset (SO_LINGER 0), as a client that vanishes. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
