package io.condurejava.tls;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SNI read from real JDK ClientHellos, whole and fragmented, and the refusals. */
class ClientHelloPeekTest {
    private static final int TIMEOUT_MILLIS = 10_000;

    /** The first flight of a JDK client sending SNI {@code serverName} (null: none). */
    private static byte[] realClientHello(String serverName) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread client = Thread.ofVirtual().start(() -> {
                try (Socket plain = new Socket()) {
                    plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                            .createSocket(plain, "127.0.0.1", server.getLocalPort(), false);
                    SSLParameters p = s.getSSLParameters();
                    p.setServerNames(serverName == null ? List.<SNIServerName>of() : List.of(new SNIHostName(serverName)));
                    s.setSSLParameters(p);
                    s.setSoTimeout(TIMEOUT_MILLIS);
                    s.startHandshake();
                } catch (Exception expected) {
                    // the server hangs up after reading the ClientHello
                }
            });
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(TIMEOUT_MILLIS);
                byte[] flight = ClientHelloPeek.read(accepted.getInputStream()).consumed();
                accepted.close();
                client.join();
                return flight;
            }
        }
    }

    @Test
    void readsTheServerNameAndKeepsEveryByte() throws Exception {
        byte[] flight = realClientHello("Example.COM");
        ClientHelloPeek.Peeked p = ClientHelloPeek.read(new ByteArrayInputStream(flight));
        assertEquals("Example.COM", p.serverName());
        assertArrayEquals(flight, p.consumed());
        assertEquals(22, flight[0]);
    }

    @Test
    void noServerNameGivesNull() throws Exception {
        assertNull(ClientHelloPeek.read(new ByteArrayInputStream(realClientHello(null))).serverName());
    }

    @Test
    void clientHelloSplitOverRecords() throws Exception {
        byte[] flight = realClientHello("www.example.com");
        byte[] handshake = Arrays.copyOfRange(flight, 5, flight.length);
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        for (int at = 0; at < handshake.length; at += 100) {
            int n = Math.min(100, handshake.length - at);
            split.write(new byte[] {22, 3, 1, (byte) (n >> 8), (byte) n});
            split.write(handshake, at, n);
        }
        split.write("trailing".getBytes(StandardCharsets.US_ASCII)); // not consumed: the JDK reads it later
        ByteArrayInputStream in = new ByteArrayInputStream(split.toByteArray());
        ClientHelloPeek.Peeked p = ClientHelloPeek.read(in);
        assertEquals("www.example.com", p.serverName());
        assertEquals(split.size() - "trailing".length(), p.consumed().length);
        assertEquals("trailing", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void plaintextIsRefused() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> ClientHelloPeek.read(
                new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("client spoke plaintext, not TLS (starts with \"GET /\")", e.getMessage());
    }

    @Test
    void earlyEndIsRefused() throws Exception {
        byte[] flight = realClientHello("example.com");
        byte[] cut = Arrays.copyOf(flight, flight.length - 1);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> ClientHelloPeek.read(new ByteArrayInputStream(cut)));
        assertEquals("connection closed during the TLS handshake", e.getMessage());
    }

    @Test
    void oversizedClientHelloIsRefused() {
        byte[] declared = {22, 3, 1, 0, 4, 1, 0, (byte) 0x80, 1}; // body of 32 KiB + 1
        assertEquals("ClientHello larger than 32768 bytes", assertThrows(SSLHandshakeException.class,
                () -> ClientHelloPeek.read(new ByteArrayInputStream(declared))).getMessage());
        ByteArrayOutputStream records = new ByteArrayOutputStream(); // declares 32 KiB, sends more
        byte[] first = new byte[0x4000];
        first[0] = 1;
        first[2] = (byte) 0x80;
        for (int i = 0; i < 3; i++) {
            records.writeBytes(new byte[] {22, 3, 1, 0x40, 0});
            records.writeBytes(i == 0 ? first : new byte[0x4000]);
        }
        assertThrows(SSLHandshakeException.class, () -> ClientHelloPeek.read(new ByteArrayInputStream(records.toByteArray())));
    }

    @Test
    void otherRecordTypesAreLeftToTheJdk() throws IOException {
        byte[] alert = {21, 3, 3, 0, 2, 2, 40};
        ClientHelloPeek.Peeked p = ClientHelloPeek.read(new ByteArrayInputStream(alert));
        assertNull(p.serverName());
        assertEquals(5, p.consumed().length);
    }

    @Test
    void malformedBodiesGiveNoName() throws Exception {
        assertNull(ClientHelloPeek.serverName(ByteBuffer.wrap(new byte[10])));
        byte[] flight = realClientHello("example.com");
        byte[] body = Arrays.copyOfRange(flight, 9, flight.length);
        for (int cut = 0; cut < body.length; cut += 7) {
            String name = ClientHelloPeek.serverName(ByteBuffer.wrap(body, 0, cut));
            assertTrue(name == null || name.equals("example.com"), name);
        }
        assertEquals("example.com", ClientHelloPeek.serverName(ByteBuffer.wrap(body)));
    }
}
