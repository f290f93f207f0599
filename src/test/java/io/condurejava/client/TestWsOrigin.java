package io.condurejava.client;

import io.condurejava.ws.Handshake;
import io.condurejava.ws.Incoming;
import io.condurejava.ws.MessageReader;
import io.condurejava.ws.MessageWriter;
import io.condurejava.ws.Role;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A tiny WebSocket origin for client-mode tests, on the project's ws codec in {@link Role#SERVER}
 * (so it insists on masked frames from us): one virtual thread per connection. Paths:
 * {@code /echo} (echoes every piece and answers pings; echoes a close and ends), {@code /reject}
 * (403 with a body), {@code /badaccept} (wrong Sec-WebSocket-Accept), {@code /ext} (an extension
 * nobody offered), {@code /closefirst} (sends "bye-soon" and close 1001 "going", then waits for
 * our close), {@code /drop} (sends "dropping" and closes TCP without a close frame),
 * {@code /masked} (sends a masked frame, which a server must not), {@code /count} (ten 100-byte
 * text messages at once, then echoes like /echo), {@code /extanswer} (answers with the
 * {@code Sec-WebSocket-Extensions} value the request's {@code X-Answer-Extensions} names, then
 * echoes uncompressed). Every request head and every close frame it
 * receives are recorded.
 */
final class TestWsOrigin implements AutoCloseable {
    static final int COUNT_MESSAGES = 10;
    static final int COUNT_MESSAGE_BYTES = 100;

    private final ServerSocket server;
    final LinkedBlockingQueue<String> heads = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Incoming.Close> closes = new LinkedBlockingQueue<>();
    final AtomicInteger connectionsClosed = new AtomicInteger();

    TestWsOrigin(InetAddress bind, SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket(0, 50, bind)
                : tls.getServerSocketFactory().createServerSocket(0, 50, bind);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The i-th message of {@code /count}: "c" + i, padded with dots to 100 bytes. */
    static String countMessage(int i) {
        StringBuilder sb = new StringBuilder("c" + i);
        while (sb.length() < COUNT_MESSAGE_BYTES) {
            sb.append('.');
        }
        return sb.toString();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            String head = readHead(in);
            heads.add(head);
            String path = head.substring(0, head.indexOf("\r\n")).split(" ")[1];
            String key = TestOrigin.header(head, "sec-websocket-key");
            String accept = key == null ? "none" : Handshake.acceptKey(key);
            if (path.equals("/reject")) {
                byte[] body = "go away\n".getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 403 Forbidden\r\nX-Reason: testing\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return;
            }
            String extra = switch (path) {
                // the first character changed: never the right value (a fixed "x" was right 1 time in 64)
                case "/badaccept" -> "Sec-WebSocket-Accept: " + (accept.charAt(0) == 'x' ? 'y' : 'x') + accept.substring(1)
                        + "\r\n";
                case "/ext" -> "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n";
                case "/extanswer" -> "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Extensions: "
                        + TestOrigin.header(head, "x-answer-extensions") + "\r\n";
                default -> "Sec-WebSocket-Accept: " + accept + "\r\n";
            };
            String protocol = TestOrigin.header(head, "sec-websocket-protocol");
            if (protocol != null) {
                extra += "Sec-WebSocket-Protocol: " + protocol.split(",")[0].strip() + "\r\n";
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + extra
                    + "X-Origin: ws-test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            MessageWriter writer = new MessageWriter(out, Role.SERVER, null);
            MessageReader reader = new MessageReader(in, Role.SERVER, MessageReader.UNLIMITED_MESSAGE_BYTES, null);
            switch (path) {
                case "/closefirst" -> {
                    writer.writeMessage(true, "bye-soon".getBytes(StandardCharsets.US_ASCII));
                    writer.writeClose(1001, "going".getBytes(StandardCharsets.US_ASCII));
                    writer.flush();
                    echo(reader, writer, true);
                }
                case "/drop" -> {
                    writer.writeMessage(true, "dropping".getBytes(StandardCharsets.US_ASCII));
                    writer.flush();
                }
                case "/masked" -> {
                    new MessageWriter(out, Role.CLIENT, null).writeMessage(true, "masked".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    echo(reader, writer, true);
                }
                case "/count" -> {
                    for (int i = 0; i < COUNT_MESSAGES; i++) {
                        writer.writeMessage(true, countMessage(i).getBytes(StandardCharsets.US_ASCII));
                    }
                    writer.flush();
                    echo(reader, writer, false);
                }
                default -> echo(reader, writer, false);
            }
        } catch (Exception e) {
            // the client went away; the test asserts on what it received
        } finally {
            connectionsClosed.incrementAndGet();
        }
    }

    /** Echoes pieces, answers pings, records the client's close and (unless we closed already) echoes it. */
    private void echo(MessageReader reader, MessageWriter writer, boolean closeSent) throws IOException {
        while (true) {
            Incoming incoming = reader.next(64 * 1024);
            switch (incoming) {
                case null -> {
                    return;
                }
                case Incoming.DataPart part -> writer.writeData(part.text(), part.data(), 0, part.data().length, part.last());
                case Incoming.Ping ping -> writer.writePong(ping.payload());
                case Incoming.Pong pong -> writer.writePing(pong.payload()); // lets a test see pongs arrive
                case Incoming.Close close -> {
                    closes.add(close);
                    if (!closeSent) {
                        writer.writeClose(close.code(), close.reason());
                    }
                    writer.flush();
                    return;
                }
            }
            writer.flush();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in head");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
